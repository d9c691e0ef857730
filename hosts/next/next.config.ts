import type { NextConfig } from "next";

// Only change from the create-next-app template: cacheComponents off, because it
// rejects `export const runtime = "edge"`. Nothing package-specific here.
const nextConfig: NextConfig = {
  cacheComponents: false,
};

export default nextConfig;
