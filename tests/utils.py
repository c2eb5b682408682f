from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def link_texts(document, selector="a"):
    return [link.get_text(strip=True) for link in document.select(selector)]
