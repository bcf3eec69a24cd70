"""Driving the explorer: open a view, wait until it is drawn, count what it asked the API."""

READY = "() => document.body.dataset.ready === 'true' && !document.querySelector('main').hasAttribute('aria-busy')"


def wait_drawn(page) -> None:
    """Wait until the view the address names is drawn (a view is busy while it loads)."""
    page.wait_for_function(READY)
    page.wait_for_selector("main h1")


def open_view(visit, fragment: str):
    """Open the explorer at ``#fragment`` and wait until the view is drawn."""
    page = visit.page
    page.goto(f"/#{fragment}")
    wait_drawn(page)
    return page


def click(page, locator) -> None:
    """Click a link of the explorer and wait until the view it leads to is drawn."""
    drawn = page.evaluate("() => document.body.dataset.drawn")
    locator.click()
    page.wait_for_function("before => document.body.dataset.drawn !== before", arg=drawn)
    wait_drawn(page)


def api_requests(visit) -> list[str]:
    return [url for url in visit.requested if "/api/v1/" in url]


def back(page) -> None:
    """Go back one entry in the history and wait until that view is drawn again."""
    drawn = page.evaluate("() => document.body.dataset.drawn")
    page.go_back()
    page.wait_for_function("before => document.body.dataset.drawn !== before", arg=drawn)
    wait_drawn(page)
