def test_article_renders(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    assert b"Download an invoice" in response.content
