import type { Metadata } from "next";
import "./globals.css";

// The template's next/font/google (Geist) is removed: it fetches fonts.googleapis.com at build time.
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
