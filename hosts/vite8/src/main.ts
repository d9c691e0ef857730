// The shared test page (hosts/common/page-main.ts), where the template has its own main.ts.
import "../../common/page-main.ts";
