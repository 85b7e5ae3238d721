// A pure client-side app: no server rendering, every route resolved in the browser.
export const ssr = false;
export const prerender = false;
