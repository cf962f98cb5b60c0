import { ASSET_CODE_PATTERN, ASSET_CODE_RULE, isCurrencyCode } from "@credyt/core";
import { z } from "zod";
import type { Ctx } from "../context";
import { fieldError, json, problem } from "../http";
import { dec, toJsonNumber, toPrecision, withinCap } from "../money";
import { parseBody } from "../parse";
import { paging, param, type RouteTable } from "../router";
import { amount, currencyCode } from "../schemas";
import { isoTimestamp } from "../time";
import { assetToApi, page } from "../wire";

const createAsset = z.object({
  code: z.string().regex(ASSET_CODE_PATTERN, `Must be ${ASSET_CODE_RULE}.`),
  name: z.string().trim().min(1, "The name field is required."),
  precision: z.number().int().min(0).max(18),
  symbol: z.string().max(16).optional(),
  label: z.string().max(32).optional(),
  rates: z
    .array(
      z.object({
        source: currencyCode,
        rate: amount.refine((n) => n > 0, "Must be greater than 0."),
      }),
    )
    .default([]),
});

const quoteBody = z.object({
  source: currencyCode,
  amount: amount.refine((n) => n > 0, "Must be greater than 0."),
});

/**
 * `POST /assets`, `GET /assets`, `GET /assets/{code}` (codes are matched case-insensitively), and
 * `POST /assets/{code}/quote`: how many units `amount` of the `source` currency buys at the asset's rate,
 * exactly as a top-up would credit them (rounded down to the asset's precision).
 */
export function assetRoutes(routes: RouteTable, ctx: Ctx): void {
  routes.add("POST", "/assets", async (c) => {
    const parsed = await parseBody(c.req.raw, createAsset);
    if (!parsed.ok) return parsed.response;
    const body = parsed.data;
    const code = body.code.toUpperCase();
    if (isCurrencyCode(code)) {
      return fieldError("code", `${code} is a fiat currency, not a custom asset.`);
    }
    if (ctx.store.assets.some((a) => a.code === code)) return fieldError("code", `Asset '${code}' already exists.`);
    const sources = body.rates.map((r) => r.source.toUpperCase());
    if (new Set(sources).size !== sources.length) return fieldError("rates", "Each source currency may appear once.");
    const asset = {
      code,
      name: body.name,
      precision: body.precision,
      ...(body.symbol !== undefined ? { symbol: body.symbol } : {}),
      ...(body.label !== undefined ? { label: body.label } : {}),
      rates: body.rates.map((r) => ({ source: r.source.toUpperCase(), rate: dec(r.rate) })),
      created_at: isoTimestamp(ctx.now()),
    };
    ctx.store.assets.push(asset);
    ctx.changed();
    return json(assetToApi(asset), 201);
  });

  routes.add("GET", "/assets", (c) => {
    const p = paging(c);
    if ("errors" in p) return problem(422, undefined, { errors: p.errors });
    return json(page(ctx.store.assets, p.offset, p.limit, assetToApi));
  });

  routes.add("POST", "/assets/:code/quote", async (c) => {
    if (ctx.readings.quoteAnswer === "absent") return problem(404, `No route for POST ${c.req.path}.`);
    const asset = ctx.store.assets.find((a) => a.code === param(c, "code").toUpperCase());
    if (!asset) return problem(404, `Asset '${param(c, "code")}' was not found.`);
    const parsed = await parseBody(c.req.raw, quoteBody);
    if (!parsed.ok) return parsed.response;
    const source = parsed.data.source.toUpperCase();
    if (!isCurrencyCode(source)) return fieldError("source", `'${source}' is not an ISO 4217 currency.`);
    const rate = asset.rates.find((r) => r.source === source);
    if (!rate) return fieldError("source", `Asset '${asset.code}' has no ${source} rate.`);
    const units = toPrecision(dec(parsed.data.amount).div(rate.rate), asset.precision);
    if (!withinCap(units)) {
      return fieldError("amount", "The amount converts to more units than the emulator's limit of 1000000000000.");
    }
    if (ctx.readings.quoteAnswer === "other-names") {
      return json({
        asset_code: asset.code,
        source_currency: source,
        source_amount: parsed.data.amount,
        exchange_rate: toJsonNumber(rate.rate),
        quantity: toJsonNumber(units),
      });
    }
    return json({
      asset: asset.code,
      source,
      amount: parsed.data.amount,
      rate: toJsonNumber(rate.rate),
      units: toJsonNumber(units),
    });
  });

  routes.add("GET", "/assets/:code", (c) => {
    const asset = ctx.store.assets.find((a) => a.code === param(c, "code").toUpperCase());
    if (!asset) return problem(404, `Asset '${param(c, "code")}' was not found.`);
    return json(assetToApi(asset));
  });
}
