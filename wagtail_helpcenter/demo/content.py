"""The demo help center of "Acme", a made-up invoicing app.

Bodies use a compact notation that ``builder.py`` turns into StreamField data:
("p", html) · ("h2", text) · ("h3", text) · ("note" | "tip" | "warning", html[, title]) ·
("steps", [(title, html), ...]) · ("code", language, code) · ("image", image_key, caption) ·
("video", url, title) · ("table", caption, rows)  (the first row is the header)
"""

HELP_CENTER = {
    "title": "Acme Help Center",
    "slug": "help",
    "intro": "Answers from the Acme team. Search, or browse a topic below.",
    # No contact link: "Still need help?" opens the built-in contact form (CONTACT_FORM).
    "contact_url": "",
    "contact_text": "Write to our support team",
}

# Images drawn by builder.py (Pillow), so the demo needs no download.
IMAGES = {
    "dashboard": ("Acme dashboard", "The Acme dashboard with the invoices list and the sidebar"),
    "invoice": ("An invoice PDF", "An example invoice with the amount due highlighted"),
    "two_factor": ("Two-factor setup", "The two-factor setup screen showing a QR code"),
}

CATEGORIES = [
    {
        "key": "start",
        "title": "Getting started",
        "icon": "rocket",
        "description": "Set up your account, invite your team and send your first invoice.",
        "articles": [
            {
                "title": "Create your Acme account",
                "summary": "Sign up with your work email, confirm it and pick a plan.",
                "tags": ["account", "sign up"],
                "promoted": True,
                "body": [
                    (
                        "p",
                        "<p>You can try Acme free for 30 days. No credit card is needed to start.</p>",
                    ),
                    (
                        "steps",
                        [
                            (
                                "Open the sign-up page",
                                "<p>Go to <b>acme.example/signup</b> and enter your work email.</p>",
                            ),
                            (
                                "Confirm your email",
                                "<p>We send a six-digit code. It is valid for 15 minutes.</p>",
                            ),
                            (
                                "Name your company",
                                "<p>This name appears on your invoices; you can change it later.</p>",
                            ),
                        ],
                    ),
                    (
                        "tip",
                        "<p>Sign up with a shared address such as <code>billing@</code> if several people will manage invoices.</p>",
                    ),
                ],
            },
            {
                "title": "A tour of the dashboard",
                "summary": "What each part of the dashboard shows and where to find your invoices.",
                "tags": ["dashboard"],
                "body": [
                    ("p", "<p>The dashboard is the first page you see after signing in.</p>"),
                    (
                        "image",
                        "dashboard",
                        "The dashboard: invoices on the left, payments on the right.",
                    ),
                    ("h2", "The sidebar"),
                    (
                        "p",
                        "<p>The sidebar holds <b>Invoices</b>, <b>Customers</b>, <b>Products</b> and <b>Reports</b>.</p>",
                    ),
                    ("h2", "The overview cards"),
                    (
                        "p",
                        "<p>The cards show what is overdue, what was paid this month and what is in draft.</p>",
                    ),
                    (
                        "video",
                        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                        "Dashboard tour (3 minutes)",
                    ),
                ],
            },
            {
                "title": "Invite your team",
                "summary": "Add colleagues and choose what each of them can do.",
                "tags": ["team", "permissions"],
                "promoted": True,
                "body": [
                    (
                        "p",
                        "<p>Owners and admins can invite people from <b>Settings → Team</b>.</p>",
                    ),
                    (
                        "steps",
                        [
                            ("Open Settings → Team", ""),
                            (
                                "Click Invite",
                                "<p>Enter one or more email addresses, separated by commas.</p>",
                            ),
                            (
                                "Choose a role",
                                "<p>Pick <i>Admin</i>, <i>Accountant</i> or <i>Viewer</i>.</p>",
                            ),
                        ],
                    ),
                    (
                        "table",
                        "What each role can do",
                        [
                            ["Role", "Send invoices", "See reports", "Manage billing"],
                            ["Admin", "Yes", "Yes", "Yes"],
                            ["Accountant", "Yes", "Yes", "No"],
                            ["Viewer", "No", "Yes", "No"],
                        ],
                    ),
                    (
                        "note",
                        "<p>Invitations expire after 7 days. You can resend them from the same page.</p>",
                    ),
                ],
            },
            {
                "title": "Send your first invoice",
                "summary": "Create an invoice, add line items and send it to a customer.",
                "tags": ["invoices"],
                "body": [
                    (
                        "steps",
                        [
                            (
                                "Click New invoice",
                                "<p>It is at the top of the <b>Invoices</b> page.</p>",
                            ),
                            (
                                "Choose a customer",
                                "<p>Type a name, or add a new customer on the spot.</p>",
                            ),
                            (
                                "Add line items",
                                "<p>Each line has a description, a quantity and a price.</p>",
                            ),
                            ("Send", "<p>Acme emails a link to the invoice and a PDF copy.</p>"),
                        ],
                    ),
                    ("tip", "<p>Save it as a draft first if someone else should check it.</p>"),
                ],
            },
            {
                "title": "Import customers from a spreadsheet",
                "summary": "Bring your customer list over from a CSV file.",
                "tags": ["import", "customers"],
                "body": [
                    (
                        "p",
                        "<p>Acme reads CSV files with one customer per row and a header row.</p>",
                    ),
                    (
                        "code",
                        "text",
                        "name,email,vat_id\nBlue Bakery,hello@bluebakery.example,NL123456789B01\nKite & Co,finance@kite.example,",
                    ),
                    (
                        "warning",
                        "<p>Rows with an email that already exists update that customer instead of adding a new one.</p>",
                    ),
                ],
            },
        ],
        "children": [
            {
                "key": "mobile",
                "title": "Mobile app",
                "icon": "plug",
                "description": "Acme on your phone: install it and work offline.",
                "articles": [
                    {
                        "title": "Install the mobile app",
                        "summary": "Get Acme for iPhone or Android and sign in.",
                        "tags": ["mobile"],
                        "body": [
                            (
                                "p",
                                "<p>Search for <b>Acme Invoicing</b> in the App Store or on Google Play.</p>",
                            ),
                            ("note", "<p>The app needs iOS 16 or Android 11 or later.</p>"),
                        ],
                    },
                    {
                        "title": "Use Acme offline",
                        "summary": "What works without a connection and how syncing works.",
                        "tags": ["mobile", "offline"],
                        "body": [
                            (
                                "p",
                                "<p>You can draft invoices offline. They are sent as soon as you are back online.</p>",
                            ),
                            ("h2", "What needs a connection"),
                            (
                                "p",
                                "<ul><li>Sending invoices</li><li>Taking card payments</li><li>Reports</li></ul>",
                            ),
                        ],
                    },
                ],
            },
        ],
    },
    {
        "key": "billing",
        "title": "Billing and invoices",
        "icon": "card",
        "description": "Your Acme subscription: plans, payments, invoices and refunds.",
        "articles": [
            {
                "title": "Download an invoice",
                "summary": "Get a PDF of any Acme invoice for your bookkeeping.",
                "tags": ["invoices", "pdf"],
                "promoted": True,
                "body": [
                    (
                        "steps",
                        [
                            ("Open Settings → Billing", ""),
                            (
                                "Find the invoice",
                                "<p>Invoices are listed by month, newest first.</p>",
                            ),
                            ("Click Download PDF", ""),
                        ],
                    ),
                    ("image", "invoice", "An Acme invoice. The amount due is at the top right."),
                    (
                        "tip",
                        "<p>Add your accountant as an <i>Accountant</i> so they can download invoices themselves.</p>",
                    ),
                ],
            },
            {
                "title": "Change your payment method",
                "summary": "Switch to another card or to direct debit.",
                "tags": ["payments"],
                "body": [
                    (
                        "p",
                        "<p>Go to <b>Settings → Billing → Payment method</b> and click <b>Replace</b>.</p>",
                    ),
                    (
                        "note",
                        "<p>The new method is used from your next invoice. Open invoices keep the old one.</p>",
                    ),
                ],
            },
            {
                "title": "Understand your bill",
                "summary": "What each line on your Acme bill means.",
                "tags": ["invoices", "pricing"],
                "last_reviewed_days_ago": 400,
                "body": [
                    ("h2", "Subscription"),
                    ("p", "<p>Your plan, billed monthly or yearly in advance.</p>"),
                    ("h2", "Extra seats"),
                    (
                        "p",
                        "<p>Team members beyond those included in your plan, billed pro rata.</p>",
                    ),
                    ("h2", "Taxes"),
                    ("p", "<p>VAT or sales tax, depending on your billing address.</p>"),
                ],
            },
            {
                "title": "Request a refund",
                "summary": "When you can get your money back and how to ask for it.",
                "tags": ["refund", "money back"],
                "promoted": True,
                "body": [
                    ("p", "<p>Yearly plans can be refunded in full within 14 days of payment.</p>"),
                    (
                        "steps",
                        [
                            ("Email support", "<p>Write from the account owner's address.</p>"),
                            (
                                "Tell us the invoice number",
                                "<p>It starts with <code>AC-</code>.</p>",
                            ),
                        ],
                    ),
                    ("note", "<p>Refunds reach your card in 5 to 10 working days.</p>"),
                ],
            },
            {
                "title": "Switch plans",
                "summary": "Upgrade or downgrade between Starter, Team and Business.",
                "tags": ["plans", "pricing"],
                "body": [
                    (
                        "table",
                        "Plans compared",
                        [
                            ["Plan", "Price per month", "Team members", "Invoices"],
                            ["Starter", "€9", "1", "50 a month"],
                            ["Team", "€29", "5", "Unlimited"],
                            ["Business", "€79", "20", "Unlimited"],
                        ],
                    ),
                    (
                        "p",
                        "<p>Upgrades apply at once. Downgrades apply at the end of the billing period.</p>",
                    ),
                ],
            },
            {
                "title": "Pay by bank transfer",
                "summary": "Yearly Business plans can be paid by bank transfer.",
                "tags": ["payments"],
                "body": [
                    (
                        "p",
                        "<p>Ask support for a transfer invoice. Include its number in the payment reference.</p>",
                    ),
                    (
                        "warning",
                        "<p>Transfers without the invoice number can take up to two weeks to match.</p>",
                    ),
                ],
            },
            {
                "title": "Add your VAT number",
                "summary": "Show your VAT or tax ID on the invoices Acme sends you.",
                "tags": ["vat", "tax"],
                "last_reviewed_days_ago": 250,
                "body": [
                    (
                        "p",
                        "<p>Enter it under <b>Settings → Billing → Tax ID</b>. We check EU VAT numbers with VIES.</p>",
                    ),
                ],
            },
        ],
        "faq": {
            "title": "Billing FAQ",
            "intro": "<p>Short answers to the billing questions we hear most.</p>",
            "items": [
                ("When am I charged?", "<p>On the day your plan renews, monthly or yearly.</p>"),
                (
                    "Can I get an invoice in another currency?",
                    "<p>Yes: euros, pounds and US dollars. Set it in <b>Settings → Billing</b>.</p>",
                ),
                (
                    "Why was my card declined?",
                    "<p>Usually the bank blocked an online payment. See <i>Fix “Payment declined”</i>.</p>",
                ),
                (
                    "Do you offer discounts for charities?",
                    "<p>Yes, 50% on any plan. Email us your registration number.</p>",
                ),
            ],
        },
    },
    {
        "key": "account",
        "title": "Account and security",
        "icon": "lock",
        "description": "Passwords, two-factor sign-in, your email address and closing an account.",
        "articles": [
            {
                "title": "Reset your password",
                "summary": "Forgot your password? Get a reset link by email.",
                "tags": ["password", "sign in"],
                "promoted": True,
                "body": [
                    (
                        "steps",
                        [
                            ("Click “Forgot password?” on the sign-in page", ""),
                            ("Enter your email", "<p>We send a link that works for one hour.</p>"),
                            (
                                "Choose a new password",
                                "<p>At least 12 characters. A passphrase is easiest to remember.</p>",
                            ),
                        ],
                    ),
                    (
                        "note",
                        "<p>No email after five minutes? Check your spam folder, then see <i>Emails from Acme don't arrive</i>.</p>",
                    ),
                ],
            },
            {
                "title": "Turn on two-factor authentication",
                "summary": "Protect your account with a code from an authenticator app.",
                "tags": ["security", "2fa"],
                "body": [
                    ("image", "two_factor", "Scan the QR code with your authenticator app."),
                    (
                        "steps",
                        [
                            ("Open Settings → Security", ""),
                            ("Click Turn on two-factor", ""),
                            ("Scan the code", "<p>Use any authenticator app.</p>"),
                            (
                                "Save your recovery codes",
                                "<p>Each one works once if you lose your phone.</p>",
                            ),
                        ],
                    ),
                    (
                        "warning",
                        "<p>Without your phone or a recovery code, support cannot turn two-factor off for you.</p>",
                    ),
                ],
            },
            {
                "title": "Change the email address on your account",
                "summary": "Use another email address to sign in and receive notifications.",
                "tags": ["account", "email"],
                "body": [
                    (
                        "p",
                        "<p>Go to <b>Profile → Email</b>, enter the new address and confirm it from your inbox.</p>",
                    ),
                ],
            },
            {
                "title": "Review sign-in activity",
                "summary": "See where and when your account was used.",
                "tags": ["security"],
                "body": [
                    (
                        "p",
                        "<p><b>Settings → Security → Activity</b> lists the last 50 sign-ins with their city and device.</p>",
                    ),
                    (
                        "tip",
                        "<p>See one you don't recognise? Reset your password and turn on two-factor.</p>",
                    ),
                ],
            },
            {
                "title": "Close your account",
                "summary": "Cancel your subscription and delete your company's data.",
                "tags": ["account", "cancel"],
                "body": [
                    (
                        "warning",
                        "<p>Closing is permanent after 30 days. Download your invoices first.</p>",
                        "Before you close",
                    ),
                    (
                        "p",
                        "<p>Owners can close the account under <b>Settings → Company → Close account</b>.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "key": "troubleshooting",
        "title": "Troubleshooting",
        "icon": "wrench",
        "description": "Something not working? Start here.",
        "articles": [
            {
                "title": "Fix “Payment declined”",
                "summary": "What to do when your card payment to Acme fails.",
                "tags": ["payments", "errors"],
                "body": [
                    ("h2", "Check with your bank"),
                    (
                        "p",
                        "<p>Many banks block the first payment to a new company. Approve it in your banking app, then try again.</p>",
                    ),
                    ("h2", "Try another card"),
                    ("p", "<p>Prepaid cards are not accepted.</p>"),
                ],
            },
            {
                "title": "The app is slow or won't load",
                "summary": "Steps that fix most loading problems.",
                "tags": ["errors", "performance"],
                "body": [
                    (
                        "steps",
                        [
                            ("Check our status page", "<p>We post every outage there.</p>"),
                            (
                                "Reload without the cache",
                                "<p>Press <code>Ctrl</code> + <code>Shift</code> + <code>R</code>.</p>",
                            ),
                            (
                                "Try a private window",
                                "<p>If it works there, a browser extension is the cause.</p>",
                            ),
                        ],
                    ),
                ],
            },
            {
                "title": "Emails from Acme don't arrive",
                "summary": "Find missing sign-in links, invitations and invoice emails.",
                "tags": ["email", "errors"],
                "body": [
                    (
                        "p",
                        "<p>Our emails come from <code>no-reply@acme.example</code>. Add it to your contacts.</p>",
                    ),
                    (
                        "note",
                        "<p>Company mail filters sometimes hold emails for an hour. Ask your IT team.</p>",
                    ),
                ],
            },
        ],
    },
    {
        "key": "playbook",
        "title": "Support playbook",
        "icon": "shield",
        "description": "Internal: how the support team handles the hard cases.",
        "audience": "internal",
        "articles": [
            {
                "title": "Refund escalation steps",
                "summary": "Internal: who approves refunds outside the 14-day window.",
                "tags": ["refund"],
                "body": [
                    (
                        "p",
                        "<p>Refunds outside policy need a team lead's approval in the ticket.</p>",
                    ),
                    (
                        "table",
                        "Approval limits",
                        [
                            ["Amount", "Who approves"],
                            ["Up to €100", "Any team lead"],
                            ["Up to €1,000", "Head of support"],
                            ["Above €1,000", "Finance"],
                        ],
                    ),
                ],
            },
            {
                "title": "Handling a data deletion request",
                "summary": "Internal: the GDPR erasure checklist.",
                "tags": ["privacy", "gdpr"],
                "body": [
                    (
                        "steps",
                        [
                            ("Verify the requester", "<p>Only the account owner may ask.</p>"),
                            (
                                "Run the erasure job",
                                "<p>In the back office: <code>Accounts → Erase</code>.</p>",
                            ),
                            ("Confirm in writing", "<p>Within 30 days of the request.</p>"),
                        ],
                    ),
                ],
            },
            {
                "title": "Known issues this month",
                "summary": "Internal: open bugs customers may report, with workarounds.",
                "tags": ["known issues"],
                "last_reviewed_days_ago": 45,
                "body": [
                    (
                        "p",
                        "<p>PDF downloads in Safari 17 open a blank tab. Workaround: right-click, <i>Download linked file</i>.</p>",
                    ),
                ],
            },
        ],
    },
]

TOP_LEVEL_FAQ = {
    "title": "Frequently asked questions",
    "intro": "<p>Quick answers about Acme in general.</p>",
    "items": [
        ("Is there a free trial?", "<p>Yes, 30 days on any plan, without a credit card.</p>"),
        ("Where is my data stored?", "<p>In data centres in the EU (Frankfurt and Amsterdam).</p>"),
        (
            "Can I export my data?",
            "<p>Yes, at any time, as CSV and PDF, from <b>Settings → Export</b>.</p>",
        ),
    ],
}

# (from article title, to article title): the editor's related-article picks.
RELATED = [
    ("Download an invoice", "Understand your bill"),
    ("Download an invoice", "Add your VAT number"),
    ("Request a refund", "Switch plans"),
    ("Reset your password", "Turn on two-factor authentication"),
    ("Reset your password", "Emails from Acme don't arrive"),
    ("Fix “Payment declined”", "Change your payment method"),
    # An internal pick on a public article: only staff see it in the list.
    ("Request a refund", "Refund escalation steps"),
]
