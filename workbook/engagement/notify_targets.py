"""``notify:`` in engagement.yaml: who is told of a new or worsened early warning, and how.

    notify:
      all: ["mailto://mail.client.example?from=reports@firm.example&to=quality@client.example"]
      Supply chain manager: ["msteams://${TEAMS_SUPPLY_WEBHOOK}"]
      Marketplace: ["json://hooks.client.example/warnings"]
    notify_cleared: true

Each key is ``all``, an owner role of the quality plan or a customer segment; each value a list of
notification addresses as Apprise writes them (e-mail, Microsoft Teams, Slack, a JSON webhook…).
A secret (a password, a webhook's token) is never written here: the address names an environment
variable, ``${NAME}``, whose value is put in its place when a message is sent, so that no file of
the engagement, and nothing the render writes, holds it. An engagement without ``notify:`` uses
the firm's default, the YAML file that ``$WORKBOOK_NOTIFY`` names (the same keys).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

ALL = "all"
FIRM_DEFAULT = "WORKBOOK_NOTIFY"  # the environment variable naming the firm's default notify file
PLACEHOLDER = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")
# Query keys that carry a secret, and schemes whose address itself is the secret (a webhook's token)
SECRET_KEYS = {"pass", "password", "token", "key", "apikey", "api_key", "secret", "webhook", "pw"}
SECRET_ADDRESS = {"msteams", "slack", "discord", "tgram", "gchat", "mmost", "mmosts", "rocket", "rockets",
                  "pover", "pbul", "ifttt", "zulip", "workflows", "workflow", "ntfys", "twilio"}


@dataclass(frozen=True)
class Notify:
    """Targets by key (``all``, an owner role, a segment), each an address with ``${NAME}``
    placeholders; ``cleared``: announce a warning that has cleared, once. ``source``: the file the
    targets come from, as the user named it."""

    targets: dict = field(default_factory=dict)
    cleared: bool = False
    source: str = ""

    def for_warning(self, owner: str | None, segment: str | None) -> list[str]:
        """The addresses a warning of ``owner``'s measure about ``segment`` goes to, each once."""
        keys = [ALL, owner or "", segment or ""]
        found = [url for k in keys if k for url in self.targets.get(k, [])]
        return list(dict.fromkeys(found))


def masked(url: str) -> str:
    """``url`` fit to show in a message: a password written in it replaced by ``***``."""
    parts = urlsplit(url) if "://" in url else None
    if parts is None or parts.password is None or PLACEHOLDER.fullmatch(parts.password):
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def problems_of(url) -> list[tuple[str, str]]:
    """(what is wrong, the fix) for one address; none when it is fit to keep in a file."""
    if not isinstance(url, str) or not url.strip() or "\n" in url:
        return [("a notification address must be one line of text",
                 "write an address such as mailto://mail.example.com?to=team@example.com")]
    if PLACEHOLDER.fullmatch(url.strip()):
        return []  # the whole address comes from the environment
    if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", url.strip()):
        return [("this is not a notification address (scheme://…)",
                 "write it as Apprise does: mailto://…, msteams://…, slack://…, json://host/path")]
    found = []
    scheme, rest = url.strip().split("://", 1)
    password = urlsplit(url.strip()).password
    if password is not None and not PLACEHOLDER.fullmatch(password):
        found.append(("a password is written in engagement.yaml",
                      "put it in an environment variable and write ${SMTP_PASSWORD} (its name) in its place"))
    for key, value in parse_qsl(urlsplit(url.strip()).query, keep_blank_values=True):
        if key.lower() in SECRET_KEYS and not PLACEHOLDER.fullmatch(value):
            found.append((f"the secret {key}= is written in engagement.yaml",
                          f"put it in an environment variable and write {key}=${{NAME}} (its name)"))
    if scheme in SECRET_ADDRESS and not PLACEHOLDER.search(rest):
        found.append((f"a {scheme}:// address holds its webhook's token, a secret",
                      f"put the address in an environment variable and write ${{NAME}} (its name), "
                      f"or write {scheme}://${{NAME}} for the token"))
    if not found and not understood(url.strip()):
        found.append((f"no notification service is called {scheme}://",
                      "write it as Apprise does: mailto://, mailtos://, msteams://, slack://, json://, jsons://"))
    return found


def understood(url: str) -> bool:
    """Whether Apprise knows the address's service (placeholders filled with stand-ins)."""
    try:
        import apprise
    except ImportError:  # checked again when sending
        return True
    filled = PLACEHOLDER.sub("placeholder0", url)
    return apprise.Apprise.instantiate(filled, suppress_exceptions=True) is not None


def expand(url: str, environ=os.environ) -> tuple[str | None, list[str]]:
    """``url`` with its ``${NAME}`` placeholders filled from ``environ``; (None, the names not
    set) when any is missing."""
    missing = [n for n in PLACEHOLDER.findall(url) if not environ.get(n)]
    if missing:
        return None, missing
    return PLACEHOLDER.sub(lambda m: environ[m.group(1)], url), []


def check_notify(r, data: dict, path: tuple = ()) -> Notify | None:
    """``notify:`` and ``notify_cleared:`` of ``data``, read with the settings' reader ``r`` (which
    notes the problems); None when there is no ``notify:`` or it is broken."""
    block = data.get("notify") if isinstance(data, dict) else None
    cleared = data.get("notify_cleared", False) if isinstance(data, dict) else False
    if not isinstance(cleared, bool):
        r.fail(path + ("notify_cleared",), cleared, "this must be true or false",
               "write true to announce a cleared warning once, false not to")
    if block is None:
        return None
    if not isinstance(block, dict) or not block:
        r.fail(path + ("notify",), block, "notify must map all, an owner role or a segment to addresses",
               "write notify: and under it all: [mailto://…] or an owner role of the plan")
        return None
    before, targets = len(r.problems), {}
    for key, urls in block.items():
        urls = [urls] if isinstance(urls, str) else urls
        if not isinstance(urls, list):
            r.fail(path + ("notify", key), urls, "the addresses must be a list",
                   f'write {key}: ["mailto://…", "msteams://${{TEAMS_WEBHOOK}}"]')
            continue
        for i, url in enumerate(urls):
            for message, fix in problems_of(url):
                r.fail(path + ("notify", key, i), masked(url) if isinstance(url, str) else url, message, fix)
        targets[str(key)] = [u.strip() for u in urls if isinstance(u, str)]
    if len(r.problems) > before:
        return None
    return Notify(targets, cleared if isinstance(cleared, bool) else False, r.doc.file)


def firm_default(environ=os.environ) -> Path | None:
    """The firm's default notify file, when ``$WORKBOOK_NOTIFY`` names one."""
    named = environ.get(FIRM_DEFAULT, "").strip()
    return Path(named).expanduser() if named else None
