import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a}from"./chunk-Z5OIFHO4.js";import"./chunk-U2LWPDNA.js";export default a();
//# sourceMappingURL=http-XPKJZBZL.js.map
