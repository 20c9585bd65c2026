// What the page's classic scripts share through `window` (web/app.js says why they are
// not ES modules), for tsc's check of web/*.js (tools/types/tsconfig.page.json, run by
// `make test`). Each namespace is the object its file assigns; they are typed `any`
// here because a classic script's `window.X = {...}` is not a declaration tsc follows.
interface Window {
  DigestConstants: any;
  DigestPrepaint: any;
  DigestAddress: any;
  DigestMirror: any;
  DigestBridge: any;
  DigestResources: any;
  DigestOffline: any;
  DigestOfflineUI: any;
  DigestFontSlices: any;
  DigestReading: any;
  DigestFailure: any;
  DigestNotices: any;
  DigestRouter: any;
  DigestEmbedded: any;
  DigestTextLayer: any;
  DigestSearchInput: any;
  DigestFollowSelection: any;
  DigestListen: any;
  DigestArchive: any;
  DigestEmbed: any;
  DigestShare: any;
  // The Emscripten module's factory (viewer.js) and the page's API (README).
  createDigestViewer: (options: object) => Promise<any>;
  digestViewer: any;
}
declare var DigestConstants: any;
declare var DigestBridge: any;
declare var DigestRouter: any;
declare var DigestPrepaint: any;
declare var DigestResources: any;
declare var DigestOffline: any;
declare var DigestReading: any;
declare var DigestMirror: any;

// Largest Contentful Paint entries (not in TypeScript's DOM library).
interface PerformanceEntry {
  renderTime?: number;
  loadTime?: number;
}
