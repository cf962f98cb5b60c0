declare module "autocannon";
declare module "jsdom";
