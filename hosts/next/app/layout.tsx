import type { Metadata } from "next";

// The template's layout without its styles and next/font/google (Geist, which fetches
// fonts.googleapis.com at build time): the app is only its API routes.
export const metadata: Metadata = {
  title: "codat-bank-feeds-wasm in Next",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
