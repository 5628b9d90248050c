import { test, expect, gotoHydrated } from "./fixtures";
import { registry, shown, text, walk } from "./interview";

// Interview mode. Every question's walkthrough is a test of its own, in both languages
// (the "-ko" projects): the question's page shows its answer, "Run it live" opens the lab
// page in guided mode, and each step moves on only when the server's answer has put the
// evidence on the page. The cluster's questions run in interview-cluster.spec.ts, on the
// cluster's own server.

const questions = registry().filter((q) => q.page !== "/cluster");

test.describe("interview walkthroughs", () => {
  test.describe.configure({ timeout: 90_000 });
  for (const entry of questions) {
    test(`${entry.slug}: the answer, then its evidence live`, async ({ page, context, lang, at }) => {
      await walk(page, context, lang, at, entry);
    });
  }
});

test.describe("interview pages", () => {
  test("the index lists every question under its topic, with the ways to practise @nojs", async ({ page, lang, t, at }) => {
    await gotoHydrated(page, at("/interview"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("interview.title"));
    const all = registry();
    await expect(page.getByTestId("question-link")).toHaveCount(all.length);
    for (const q of all) {
      const link = page.getByTestId(`topic-${q.topic}`).getByRole("link", { name: shown(text(lang, q.slug).title), exact: true });
      await expect(link).toHaveAttribute("href", at(`/interview/${q.slug}`));
    }
    for (const name of ["quiz", "myths", "sheet"]) {
      await expect(page.getByRole("link", { name: t(`interview.tools.${name}`) })).toHaveAttribute("href", at(`/interview/${name}`));
    }
  });

  test("a question's page has its follow-ups, its steps and its sources, and links on @nojs", async ({ page, lang, at }) => {
    const [first, second] = registry();
    await gotoHydrated(page, at(`/interview/${first.slug}`));
    const words = text(lang, first.slug);
    for (const f of words.followups) await expect(page.getByText(shown(f.q), { exact: true })).toBeVisible();
    for (const s of words.steps) await expect(page.getByText(shown(s.do), { exact: true })).toBeVisible();
    for (const s of first.sources) await expect(page.getByRole("link", { name: s.name, exact: true })).toHaveAttribute("href", s.url);
    await expect(page.getByTestId("run-live")).toHaveAttribute("href", `${at(first.page)}?guide=${first.slug}`);
    await page.getByRole("link", { name: shown(text(lang, second.slug).title) }).click();
    await expect(page.getByTestId("question-title")).toHaveText(shown(text(lang, second.slug).title));
  });

  test("an unknown question is a 404, and a guide for another page is not shown @nojs", async ({ page, at }) => {
    expect((await page.goto(at("/interview/no-such-question")))?.status()).toBe(404);
    const onSession = registry().find((q) => q.page === "/session")!;
    await page.goto(`${at("/token")}?guide=${onSession.slug}`);
    await expect(page.getByTestId("guide")).toHaveCount(0);
  });

  test("the myths page shows each half-truth with its walkthrough @nojs", async ({ page, lang, at }) => {
    await gotoHydrated(page, at("/interview/myths"));
    const myths = registry().filter((q) => q.topic === "myths");
    expect(myths.length).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId("myth")).toHaveCount(myths.length);
    for (const m of myths) {
      const card = page.getByTestId("myth").filter({ hasText: shown(text(lang, m.slug).title) });
      await expect(card).toContainText(shown(text(lang, m.slug).answer));
      await expect(card.getByTestId("run-live")).toHaveAttribute("href", `${at(m.page)}?guide=${m.slug}`);
    }
  });

  test("the print sheet has every 30-second answer, and print leaves out the site's chrome @nojs", async ({ page, lang, at }) => {
    await gotoHydrated(page, at("/interview/sheet"));
    const all = registry();
    await expect(page.getByTestId("sheet-item")).toHaveCount(all.length);
    for (const q of all) await expect(page.getByText(shown(text(lang, q.slug).answer), { exact: true })).toBeAttached();
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".site-footer")).toBeHidden();
    await expect(page.getByTestId("sheet-item").first()).toBeVisible();
  });
});

test.describe("self-quiz", () => {
  test("works from the keyboard alone, and its marks survive a reload in localStorage", async ({ page, lang, t, at }) => {
    const deck = registry();
    const [first, second, third] = deck.map((q) => ({ slug: q.slug, title: shown(text(lang, q.slug).title) }));
    await gotoHydrated(page, at("/interview/quiz"));
    const progress = page.getByTestId("quiz-progress");
    const tally = (done: number, knew: number, partly: number) =>
      t("interview.quiz.progress", { done, total: deck.length, knew, partly, not_yet: 0 });
    await expect(progress).toHaveText(tally(0, 0, 0));
    const card = page.getByTestId("quiz-card");
    await expect(card).toHaveAttribute("data-slug", first.slug);

    // Tab from the top of the page to the answer box, as a keyboard user would.
    const box = page.getByLabel(t("interview.quiz.your_answer"));
    for (let i = 0; i < 60 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(box).toBeFocused();
    await page.keyboard.type("state lives in the app, not in HTTP");

    /** From the answer box: reveal, then Tab to the mark `name` and press it. */
    const answerAndMark = async (name: string, tabs: number) => {
      await page.keyboard.press("Tab");
      await expect(page.getByRole("button", { name: t("interview.quiz.reveal") })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("quiz-model-answer")).toBeVisible();
      for (let i = 0; i < tabs; i++) await page.keyboard.press("Tab");
      await expect(page.getByRole("button", { name: t(`interview.quiz.${name}`), exact: true })).toBeFocused();
      await page.keyboard.press("Enter");
    };
    // Reveal, then past "Next question" and the page link to the marks.
    await answerAndMark("partly", 4);
    await expect(card).toHaveAttribute("data-slug", second.slug);
    await expect(page.getByRole("heading", { level: 2, name: second.title })).toBeFocused();
    await expect(box).toHaveValue("");
    await page.keyboard.press("Tab");
    await expect(box).toBeFocused();
    await answerAndMark("knew", 3);
    await expect(card).toHaveAttribute("data-slug", third.slug);
    await expect(progress).toHaveText(tally(2, 1, 1));
    await expect(page.getByTestId("quiz-review")).toContainText(first.title);
    await expect(page.getByTestId("quiz-review")).not.toContainText(second.title);

    // The page says where the marks are, and they are there, readable by any script.
    await expect(page.getByTestId("quiz-storage-note")).toContainText("auth_lab_quiz");
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("auth_lab_quiz") ?? "null"));
    expect(stored).toEqual({ [first.slug]: "partly", [second.slug]: "knew" });

    await page.reload();
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await expect(progress).toHaveText(tally(2, 1, 1));
    await expect(card).toHaveAttribute("data-slug", third.slug);
    await expect(page.getByTestId("quiz-review")).toContainText(first.title);

    // The review list takes the learner back to a weak question.
    await page.getByTestId("quiz-review").getByRole("button", { name: first.title }).click();
    await expect(card).toHaveAttribute("data-slug", first.slug);
    await expect(page.getByTestId("quiz-last-mark")).toHaveText(t("interview.quiz.marked", { mark: t("interview.quiz.partly") }));
  });
});
