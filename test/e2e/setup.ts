import { ensureWebBuilt } from '../../scripts/web/build.js';

/** The browser tests load the built web app (dist/web): rebuilt here when its sources changed. */
export default async function setup() {
  await ensureWebBuilt();
}
