"""Where contributions go: the repository, its Git host, the branch and the editorial contact.

They are configured in one place, `extra.handbook` in mkdocs.yml (each with an environment
variable to override it); every link built from them (edit links, CONTRIBUTING.md, the case
form's "open on the Git host") comes from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote as url_quote, urlencode

from .problems import Problem, quote

# Git host -> (edit path, file view path, new-file path): GitHub and Gitea/Forgejo (e.g. Codeberg)
# open a new-file page prefilled from `?filename=…&value=…`.
HOSTS = {
    "github": ("edit/{branch}/", "blob/{branch}/", "new/{branch}/"),
    "gitea": ("_edit/{branch}/", "src/branch/{branch}/", "_new/{branch}/"),
}
SETTINGS = ("repository", "host", "branch", "contact")
_REPOSITORY = re.compile(r"^https://[^\s/]+\.[^\s/]+/[^\s?#]+[^\s?#/]$")
_CONTACT = re.compile(r"^(?:[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+|https://\S+)$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class Contribution:
    repository: str = ""  # https://github.com/<owner>/<repo>; empty: no links to a Git host
    host: str = "github"
    branch: str = "main"
    contact: str = ""  # an e-mail address or an https:// page of the editors

    def _url(self, kind: int, path: str) -> str:
        return f"{self.repository}/{HOSTS[self.host][kind].format(branch=self.branch)}{path}"

    @property
    def edit_uri(self) -> str:
        """MkDocs' edit_uri: the web editor of docs/ (pages of cases and methods go up from it)."""
        return self._url(0, "docs/") if self.repository else ""

    @property
    def contributing_url(self) -> str:
        return self._url(1, "CONTRIBUTING.md") if self.repository else ""

    @property
    def new_case_url(self) -> str:
        """The Git host's new-file page in cases/; the form adds `?filename=…&value=…`."""
        return self._url(2, "cases/") if self.repository else ""

    def new_case_link(self, file_name: str, text: str) -> str:
        return f"{self.new_case_url}?{urlencode({'filename': file_name, 'value': text}, quote_via=url_quote)}"

    @property
    def contact_href(self) -> str:
        return "" if not self.contact else self.contact if self.contact.startswith("https://") \
            else f"mailto:{self.contact}"


def contribution_settings(values, shown_as: str = "mkdocs.yml") -> tuple[Contribution, list[Problem]]:
    """Settings from `extra.handbook`; a wrong one is reported and left out, never guessed."""
    values = values or {}
    if not isinstance(values, dict):
        return Contribution(), [Problem(shown_as, None, "extra.handbook", "not-mapping", {"value": quote(values)})]
    problems, settings = [], {}

    def bad(name: str, code: str, **params) -> None:
        problems.append(Problem(shown_as, None, f"extra.handbook.{name}", code, params))

    for name, value in values.items():
        if name not in SETTINGS:
            bad(str(name), "unknown-field", value=quote(name), suggestion=None, allowed=", ".join(SETTINGS))
        elif value not in (None, ""):
            settings[name] = str(value).strip().rstrip("/") if name == "repository" else str(value).strip()
    checks = {"repository": (_REPOSITORY.match, "setting-repository"), "branch": (_BRANCH.match, "setting-branch"),
              "contact": (_CONTACT.match, "setting-contact"), "host": (HOSTS.__contains__, "setting-host")}
    for name, (valid, code) in checks.items():
        if name in settings and not valid(settings[name]):
            bad(name, code, value=quote(settings.pop(name)), allowed=", ".join(HOSTS))
    return Contribution(**settings), problems
