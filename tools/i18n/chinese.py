"""Simplified Chinese (zh-hans, locale folder zh_Hans) for the strings visitors read (see
visitor_strings.py). Polite "您", full-width punctuation, one plural form."""

TRANSLATIONS = {
    "There is no such category in this help center.": "此帮助中心没有这个类别。",
    "Note": "注意",
    "Tip": "提示",
    "Warning": "警告",
    "Language": "语言",
    "Reply": "回复",
    "Email": "电子邮件",
    "Name": "姓名",
    "We send you a link to confirm your comment. It is never shown.": (
        "我们会向您发送一个确认评论的链接。您的邮箱地址不会公开显示。"
    ),
    "Your comment": "您的评论",
    "Email me when someone replies": "有人回复时发邮件通知我",
    "What is wrong with it?": "有什么问题？",
    "Details (optional)": "详细说明（可选）",
    "Spam or advertising": "垃圾信息或广告",
    "Rude or abusive": "粗鲁或辱骂",
    "Off topic": "偏离主题",
    "Something else": "其他原因",
    "Community rules": "社区规则",
    (
        "It contains %(count)s link (more than %(limit)s).",
        "It contains %(count)s links (more than %(limit)s).",
    ): ("其中包含 %(count)s 个链接（超过 %(limit)s 个）。",),
    "It contains a word that is not allowed here: “%(word)s”.": (
        "其中包含此处不允许使用的词语：“%(word)s”。"
    ),
    "You have posted a lot in a short time. Please wait a few minutes.": (
        "您在短时间内发布了太多内容。请等待几分钟。"
    ),
    "Many comments came from your network just now. Please wait a few minutes.": (
        "刚才有大量评论来自您的网络。请等待几分钟。"
    ),
    "It is the first comment of a new poster.": "这是一位新发帖人的第一条评论。",
    "The comment looks automated.": "这条评论看起来是自动生成的。",
    "Several comments from your network wait for their poster to open the link "
    "we emailed. Open those links, or try again later.": (
        "来自您网络的多条评论正在等待发帖人打开我们通过邮件发送的链接。请打开这些链接，或稍后再试。"
    ),
    "Comments for this email address already wait for the link we emailed to be "
    "opened. Open it, or try again later.": (
        "此邮箱地址的评论已在等待打开我们通过邮件发送的链接。请打开该链接，或稍后再试。"
    ),
    "This form does not belong to a page of the help center.": "此表单不属于帮助中心的任何页面。",
    "This page does not exist or does not take comments.": "此页面不存在或不接受评论。",
    "This discussion is closed, so new comments are not accepted. %(summary)s": (
        "此讨论已关闭，不再接受新评论。%(summary)s"
    ),
    "You cannot post here: %(reason)s": "您不能在此发布：%(reason)s",
    "You cannot post here until %(date)s: %(reason)s": (
        "在 %(date)s 之前您不能在此发布：%(reason)s"
    ),
    "The comment you reply to is not on this page.": "您回复的评论不在此页面上。",
    "This conversation is too deep for another reply; reply higher up.": (
        "此对话层级过深，无法继续回复；请在上一层回复。"
    ),
    "Your comment was not accepted. %(reason)s": "您的评论未被接受。%(reason)s",
    "Your comment could not be posted": "无法发布您的评论",
    "The form expired or was changed. Reload the page and post again.": (
        "表单已过期或已被更改。请重新加载页面后再次发布。"
    ),
    "Check your email": "请查收邮件",
    "We sent a link to %(email)s. Your comment appears once you open it.": (
        "我们已向 %(email)s 发送了一个链接。打开链接后，您的评论就会显示。"
    ),
    "Your comment was posted.": "您的评论已发布。",
    "Thank you": "谢谢",
    "Your comment waits for a moderator and appears once it is approved.": (
        "您的评论正在等待版主审核，通过后即会显示。"
    ),
    "This link does not work": "此链接无法使用",
    "This confirmation link is from an older version of the site and no longer "
    "works. Please post your comment again.": (
        "此确认链接来自网站的旧版本，已无法使用。请重新发布您的评论。"
    ),
    "This confirmation link is not valid or was already used. Copy the whole "
    "link from the email.": "此确认链接无效或已被使用。请从邮件中复制完整的链接。",
    "This confirmation link has expired. Please post your comment again.": (
        "此确认链接已过期。请重新发布您的评论。"
    ),
    "Your comment is confirmed.": "您的评论已确认。",
    "Choose what is wrong with the comment.": "请选择这条评论的问题。",
    "Too many reports: try again later.": "举报次数过多：请稍后再试。",
    "You have already reported this comment.": "您已经举报过这条评论。",
    "Thank you: a moderator will look at it.": "谢谢：版主会进行查看。",
    "Your comment was deleted.": "您的评论已删除。",
    "This link is from an older email and no longer works. The next email "
    "about this discussion has a new one.": (
        "此链接来自较早的邮件，已无法使用。下一封关于此讨论的邮件中会有新链接。"
    ),
    "This link is not valid. Copy the whole link from the email.": (
        "此链接无效。请从邮件中复制完整的链接。"
    ),
    "No more emails": "不再发送邮件",
    "You were not following this discussion.": "您没有关注此讨论。",
    "You will not get emails about this discussion any more.": "您将不再收到关于此讨论的邮件。",
    "Yes": "是",
    "No": "否",
    "There is no such article in this help center.": "此帮助中心没有这篇文章。",
    "There is no such answer on this page.": "此页面上没有这个回答。",
    "An article has no answers to vote on.": "文章没有可投票的回答。",
    "New and updated articles in %(title)s": "%(title)s 中的新文章和更新文章",
    "The %(name)s must be a page id (a whole number).": "%(name)s 必须是页面 ID（整数）。",
    "The page number must be a whole number of 1 or more, not “%(value)s”.": (
        "页码必须是大于或等于 1 的整数，而不是“%(value)s”。"
    ),
    "It is out of date": "内容已过时",
    "It is hard to understand": "难以理解",
    "It did not solve my problem": "没有解决我的问题",
    "Contact support": "联系客服",
    "Still need help?": "仍需要帮助？",
    "Related articles": "相关文章",
    "Questions": "问题",
    "Support team": "支持团队",
    "The kind must be “article” or “faq”.": "类型必须是“article”或“faq”。",
    "The format must be “html” or “json”.": "格式必须是“html”或“json”。",
    "Bad request": "请求无效",
    "We could not read that link": "我们无法读取该链接",
    "Go to “%(title)s”": "前往“%(title)s”",
    "Watch “%(title)s”": "观看“%(title)s”",
    "This discussion is closed.": "此讨论已关闭。",
    "Staff": "工作人员",
    "Accepted answer": "已采纳的回答",
    "Post reply": "发布回复",
    "Report": "举报",
    "Send report": "提交举报",
    "Delete my comment": "删除我的评论",
    ("%(counter)s comment", "%(counter)s comments"): ("%(counter)s 条评论",),
    "Newest first": "最新优先",
    "Oldest first": "最早优先",
    "Comment pages": "评论分页",
    "Previous": "上一页",
    "Page %(number)s of %(total)s": "第 %(number)s 页，共 %(total)s 页",
    "Next": "下一页",
    "Ask a question or share a tip": "提出问题或分享技巧",
    "Before you post, read the": "发布前，请阅读",
    "Leave this field empty": "请勿填写此字段",
    "Post comment": "发表评论",
    "Your text, so you can keep it:": "您的文字，方便您保存：",
    "Back to “%(title)s”": "返回“%(title)s”",
    "Updated": "更新于",
    "Breadcrumb": "面包屑导航",
    ("%(counter)s article", "%(counter)s articles"): ("%(counter)s 篇文章",),
    ("%(counter)s+ article", "%(counter)s+ articles"): ("%(counter)s+ 篇文章",),
    "Frequently asked questions": "常见问题",
    "Thank you for your feedback.": "感谢您的反馈。",
    "Send": "发送",
    "Your feedback could not be sent. Please try again.": "无法发送您的反馈。请重试。",
    "Was this answer helpful?": "这个回答有帮助吗？",
    "Was this article helpful?": "这篇文章有帮助吗？",
    "If not, what was wrong? (optional)": "如果没有，问题出在哪里？（可选）",
    "Tell us more": "告诉我们更多",
    "Pages": "分页",
    "Search the help center": "搜索帮助中心",
    "Describe your question": "描述您的问题",
    "Suggested answers": "推荐答案",
    "Search": "搜索",
    "This page is not available in %(language)s yet. Here it is in its original language.": (
        "此页面暂无%(language)s版本，以下是原始语言的内容。"
    ),
    "Skip to content": "跳到内容",
    "On this page": "本页内容",
    "Tags": "标签",
    "Topics": "主题",
    "Articles": "文章",
    "There are no articles in this category yet.": "此类别中还没有文章。",
    "Link to “%(question)s”": "指向“%(question)s”的链接",
    "Browse by topic": "按主题浏览",
    "Popular articles": "热门文章",
    "Recently updated": "最近更新",
    "This help center has no published content yet.": "此帮助中心还没有已发布的内容。",
    "Search is running in a simpler mode right now, so results may be less precise.": (
        "搜索目前以简化模式运行，结果可能不够精确。"
    ),
    ("%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”"): (
        "找到 %(counter)s 条与“%(query)s”相关的结果",
    ),
    "Recommended": "推荐",
    "Answer": "回答",
    "Did you mean": "您是不是要找",
    "No articles match your search. Try other words, or browse a topic:": (
        "没有找到匹配的文章。请尝试其他词语，或浏览主题："
    ),
    "Type a few words about your question, or browse a topic:": (
        "输入几个描述您问题的词语，或浏览主题："
    ),
    "Too many requests: try again in a minute.": "请求过多：请一分钟后再试。",
    "We could not record your feedback": "我们无法记录您的反馈",
    "Your feedback could not be recorded.": "无法记录您的反馈。",
    "Too many votes: try again later.": "投票次数过多：请稍后再试。",
    "A vote from your network was already counted for this page today. Thank you.": (
        "今天已记录过来自您网络的对此页面的投票。谢谢。"
    ),
    "Search: %(query)s": "搜索：%(query)s",
    # Semantic search and typo correction (issue 14).
    "Quick answer": "快速解答",
    "Did this answer your question?": "这是否解答了您的问题？",
    "Not translated yet": "尚未翻译",
    "Showing results for <strong>%(corrected)s</strong>.": (
        "显示 <strong>%(corrected)s</strong> 的结果。"
    ),
    "Search instead for “%(query)s”": "仍然搜索“%(query)s”",
}
