"""Steps several browser tests share."""

from playwright.sync_api import expect


def pick_unit(page, typed: str, name: str, *, field: str = "unit"):
    """Choose a unit in an autocomplete picker (units.widgets.UnitAutocomplete): type into the box Tom
    Select puts in place of the select named `field`, then click the suggestion `name`."""
    box = page.locator(f"#id_{field}-ts-control")
    box.click()
    box.press_sequentially(typed, delay=30)
    page.locator(".ts-dropdown .option").filter(has_text=name).first.click()
    expect(page.locator(f"#id_{field}-ts-dropdown")).to_be_hidden()  # chosen: the list closes and stays closed
