import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-HVOJINRA.js";import"./chunk-ISVNBVBU.js";import"./chunk-4MXXD7Q4.js";import"./chunk-U2LWPDNA.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
//# sourceMappingURL=dist-es-CTIQHENS.js.map
