// Public face of the viewer (`experiment view`): a local web server over the ledger, its API and its front end.
export type { ViewPlans } from './read-capacity-view.js';
export { startViewer, type Viewer, type ViewerOptions } from './start-viewer.js';
