// Type tests, checked by `tsc` (`pnpm typecheck`): the public API's types are part of its contract.
import type { Account, CredytError, PortalSession, TopUp, Wallet } from "@credyt/core";
import type { ComponentProps } from "react";
import { expectTypeOf } from "vitest";
import {
  type BillingPortalLink,
  type CredytMessages,
  type CredytProviderProps,
  de,
  type TopUpButton,
  type useAccount,
  type useBillingPortal,
  type useCheckoutReturn,
  type useTopUp,
  type useWallet,
  type WalletBalance,
} from "../src/index";
import type { createMockClient, fixtures, MockScenarioName } from "../src/testing";

type Result<F extends (...args: never[]) => unknown> = ReturnType<F>;

expectTypeOf<Result<typeof useWallet>["data"]>().toEqualTypeOf<Wallet | undefined>();
expectTypeOf<Result<typeof useWallet>["error"]>().toEqualTypeOf<CredytError | undefined>();
expectTypeOf<Result<typeof useAccount>["data"]>().toEqualTypeOf<Account | undefined>();
expectTypeOf<Result<typeof useTopUp>["trigger"]>().returns.toEqualTypeOf<Promise<TopUp | undefined>>();
expectTypeOf<Result<typeof useTopUp>["error"]>().toEqualTypeOf<CredytError | undefined>();
expectTypeOf<Result<typeof useBillingPortal>["trigger"]>().returns.toEqualTypeOf<Promise<PortalSession | undefined>>();
expectTypeOf<Result<typeof useCheckoutReturn>["status"]>().toEqualTypeOf<
  "idle" | "pending" | "processing" | "success" | "failed"
>();

// Props: optional `currency` (derived when left out), refs to the real elements, message sets assignable to `labels`.
expectTypeOf<ComponentProps<typeof TopUpButton>["currency"]>().toEqualTypeOf<string | undefined>();
expectTypeOf<ComponentProps<typeof TopUpButton>["onError"]>().toEqualTypeOf<
  ((error: CredytError) => void) | undefined
>();
expectTypeOf<ComponentProps<typeof WalletBalance>["ref"]>().toMatchTypeOf<React.Ref<HTMLDivElement> | undefined>();
expectTypeOf<ComponentProps<typeof BillingPortalLink>["ref"]>().toMatchTypeOf<
  React.Ref<HTMLButtonElement> | undefined
>();
expectTypeOf(de).toEqualTypeOf<CredytMessages>();
expectTypeOf<typeof de>().toMatchTypeOf<CredytProviderProps["labels"]>();

// The testing kit: a scenario name is any fixture's name.
expectTypeOf<MockScenarioName>().toEqualTypeOf<keyof typeof fixtures>();
expectTypeOf<NonNullable<Parameters<typeof createMockClient>[0]>["scenario"]>()
  .extract<string>()
  .toEqualTypeOf<MockScenarioName>();
