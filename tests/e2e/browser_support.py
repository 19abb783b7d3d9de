"""Helpers for driving Streamlit in Playwright."""

from playwright.sync_api import expect


def wait_for_app(page, timeout=30_000):
    page.wait_for_timeout(250)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(state="attached", timeout=timeout)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(state="attached", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def choose(page, label, option):
    """Pick an option in the Streamlit selectbox with this label."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True))
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app(page)



def answer_the_guide(page, app_url):
    """The handling guide with its decision helper answered (under 15, images or video); returns the first step,
    opened."""
    page.goto(f"{app_url}/handleguide")
    wait_for_app(page)
    page.get_by_text("Under 15 år", exact=True).click()
    wait_for_app(page)
    page.get_by_text("Der er billeder eller video", exact=True).click()
    wait_for_app(page)
    step = page.get_by_test_id("stExpander").filter(has_text="Afdækning").first
    step.locator("summary").click()
    return step
