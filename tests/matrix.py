"""The permission matrix every page of Linli passes (STYLE.md §3.4.9).

For one URL it checks, with real logins:

* anonymous → redirected to the login page;
* a user of the community without the permission → 403 (404 for the safety registers);
* a user of the community with the permission → 200;
* a user of another community (and another street) *with* the permission → 404 for an
  object page, or 200 without the object for a list page: existence never leaks;
* for form pages (``post=True``) the same answers to POST, and the object is left unchanged.

Each app lists its pages as ``Page`` rows and parametrizes one test over them::

    PAGES = [Page("governance:grid_detail", obj="grid"), ...]

    @pytest.mark.parametrize("page", PAGES, ids=str)
    def test_permission_matrix(page, world, client):
        page.check(client, world)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse


@dataclass(frozen=True)
class Page:
    url_name: str
    obj: str | None = None  # World attribute of the object in the home community
    hides: str | None = None  # for list pages: a home object outsiders must not see listed
    allowed: str = "head"  # World attribute of a home user who may open the page
    denied: str = "norole"  # World attribute of a home user without the permission
    outsiders: tuple[str, ...] = ("other_head", "far_leader")  # users elsewhere who hold the permission
    post: bool = False  # a form page: POSTs are refused the same way, and change nothing
    denied_status: int = 403  # the safety registers answer 404: their existence must not leak

    def __str__(self):
        return self.url_name

    def url(self, world) -> str:
        if self.obj is None:
            return reverse(self.url_name)
        return reverse(self.url_name, kwargs={"pk": getattr(world, self.obj).pk})

    def check(self, client, world) -> None:
        url = self.url(world)

        methods = ("get", "post") if self.post else ("get",)
        before = self._history_count(world)

        client.logout()
        for method in methods:
            response = getattr(client, method)(url)
            assert response.status_code == 302, f"anonymous {method} {url}: {response.status_code}"
            assert response.url.startswith(resolve_url(settings.LOGIN_URL)), response.url

        client.force_login(getattr(world, self.denied))
        for method in methods:
            response = getattr(client, method)(url)
            assert response.status_code == self.denied_status, f"{self.denied} {method} {url}: {response.status_code}"

        client.force_login(getattr(world, self.allowed))
        response = client.get(url)
        assert response.status_code == 200, f"{self.allowed} {url}: {response.status_code}"
        hidden = getattr(world, self.hides) if self.hides else None
        if hidden is not None:
            assert hidden.get_absolute_url().encode() in response.content, f"{self.allowed} does not see {hidden}"

        for outsider in self.outsiders:
            client.force_login(getattr(world, outsider))
            for method in methods:
                response = getattr(client, method)(url)
                if self.obj is not None:
                    assert response.status_code == 404, f"{outsider} {method} {url}: {response.status_code}"
            if self.obj is None:
                refused = (403, self.denied_status)
                assert response.status_code in (200, *refused), f"{outsider} {url}: {response.status_code}"
                if hidden is not None and response.status_code == 200:
                    assert hidden.get_absolute_url().encode() not in response.content, f"{outsider} sees {hidden}"
        client.logout()
        assert self._history_count(world) == before, f"a refused request changed {self.obj}"

    def _history_count(self, world) -> int | None:
        obj = getattr(world, self.obj) if self.obj else None
        return obj.history.count() if obj is not None and hasattr(obj, "history") else None
