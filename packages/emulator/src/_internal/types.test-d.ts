import type { TopUpStatus as CoreTopUpStatus } from "@credyt/core";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { faultBody } from "./routes/admin";
import type { seedSchema } from "./seed";
import type {
  CredytApiAccount,
  CredytApiCustomer,
  CredytApiTopUp,
  Emulator,
  EmulatorSeed,
  FaultRule,
  RunningEmulator,
  TopUpStatus,
} from "./types";
import { accountToApi, customerToApi, topUpToApi } from "./wire";

// Checked by `tsc` (the package's typecheck): the declared public types and what the code does agree.
describe("public types are declared, and the code matches them", () => {
  it("the seed schema accepts exactly EmulatorSeed", () => {
    expectTypeOf<z.input<typeof seedSchema>>().toEqualTypeOf<EmulatorSeed>();
  });

  it("the fault route accepts exactly FaultRule", () => {
    expectTypeOf<z.input<typeof faultBody>>().toEqualTypeOf<FaultRule>();
  });

  it("the mappers return the declared API shapes", () => {
    expectTypeOf(accountToApi).returns.toEqualTypeOf<CredytApiAccount>();
    expectTypeOf(customerToApi).returns.toEqualTypeOf<CredytApiCustomer>();
    expectTypeOf(topUpToApi).returns.toEqualTypeOf<CredytApiTopUp>();
  });

  it("Emulator's reads use them", () => {
    expectTypeOf<Emulator["getTopUp"]>().returns.toEqualTypeOf<CredytApiTopUp | undefined>();
    expectTypeOf<Emulator["getAccount"]>().returns.toEqualTypeOf<CredytApiAccount | undefined>();
    expectTypeOf<RunningEmulator["emulator"]>().toEqualTypeOf<Emulator>();
  });

  it("a top-up status is core's, one type for both sides", () => {
    expectTypeOf<TopUpStatus>().toEqualTypeOf<CoreTopUpStatus>();
    expectTypeOf<CredytApiTopUp["status"]>().toEqualTypeOf<"initiated" | "completed" | "failed" | "expired">();
  });
});
