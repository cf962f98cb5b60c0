// Threat: "the month starts an hour early where DST begins at local midnight on the 1st" (issue 25, item 5).
// A month's summary must start at the first instant of the 1st in the customer's zone, taken from the
// time-zone database (Intl): where midnight does not exist, when the clocks jump forward.
import { describe, expect, it } from "vitest";
import { dateIn, monthSoFar } from "../src/_internal/zoned-month";

const pad = (n: number) => String(n).padStart(2, "0");

/** Zones where 00:00 on the 1st of some month did not exist (DST began at midnight), plus ordinary ones. */
const ZONES = [
  "America/Asuncion",
  "America/Santiago",
  "Asia/Beirut",
  "America/Havana",
  "Asia/Amman",
  "Asia/Damascus",
  "Africa/Cairo",
  "Asia/Gaza",
  "Europe/London",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "UTC",
];

describe("DST month boundaries from the time-zone database", () => {
  it("America/Asuncion, October 2023 (midnight of the 1st did not exist): the month starts at 01:00 -03, not 23:00 the day before", () => {
    const { from } = monthSoFar(Date.parse("2023-10-15T12:00:00Z"), "America/Asuncion");
    expect(new Date(from).toISOString()).toBe("2023-10-01T04:00:00.000Z");
    expect(dateIn(from, "America/Asuncion")).toBe("2023-10-01");
    expect(dateIn(from - 1, "America/Asuncion")).toBe("2023-09-30");
  });

  it("every month 1990-2026 in zones where midnight does not exist starts at the first instant of the 1st", () => {
    const wrong: string[] = [];
    for (const tz of ZONES) {
      for (let year = 1990; year <= 2026; year++) {
        for (let month = 1; month <= 12; month++) {
          const { from, days } = monthSoFar(Date.UTC(year, month - 1, 15, 12), tz);
          const first = `${year}-${pad(month)}-01`;
          if (days[0] !== first || dateIn(from, tz) !== first || dateIn(from - 1, tz) >= first)
            wrong.push(`${tz} ${first}: ${new Date(from).toISOString()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
