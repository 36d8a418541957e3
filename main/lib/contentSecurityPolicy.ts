/**
 * The page's Content Security Policy, the same in both shells: the Electron app sends it with
 * every app:// response, the headless server with every file. Scripts and styles from the page's
 * own origin only; WebSockets, playback fetches, evidence pictures and clips from the loopback
 * stream server (the desktop page's own origin is app://, so 'self' does not cover them); no
 * frames, forms or plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http://127.0.0.1:*",
  "media-src 'self' blob: http://127.0.0.1:*",
  // http: recorded footage (playback /get) comes from the same loopback server as the streams.
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* http://127.0.0.1:* http://localhost:*",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
