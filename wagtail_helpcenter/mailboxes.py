"""One mailbox however its address is written, for limits per recipient (the
discussions' confirmation emails, the contact form's requests)."""

# Mail services that ignore dots in the local part ("j.doe" is "jdoe").
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox_of(email):
    """``email`` as its mailbox: case, quotes, a "+tag" and (where the mail service
    ignores them) dots make no other."""
    local, _at, domain = str(email).strip().lower().rpartition("@")
    local = local.strip('"').split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"
