// `express4` is an npm alias of express@4; its API surface used here matches @types/express.
declare module "express4" {
  import express = require("express");
  export = express;
}
