import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import{a as o,c as i}from"./chunk-U2LWPDNA.js";var u=i((a,t)=>{var e=o("node:fs");t.exports=typeof e=="function"?e:new Proxy({},{get:(r,n)=>e[n],has:(r,n)=>n in e,ownKeys:()=>Reflect.ownKeys(e),getOwnPropertyDescriptor:(r,n)=>n in e?{configurable:!0,enumerable:!0,writable:!1,value:void 0}:void 0})});export{u as a};
//# sourceMappingURL=chunk-SDPIQXN3.js.map
