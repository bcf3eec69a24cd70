def test_health_reports_ok(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0"}


def test_get_claim_returns_quote_at_its_offsets(mini_client):
    claim = mini_client.get("/api/v1/claims/russia-holds-75-donetsk").json()
    source = mini_client.get(f"/api/v1/sources/{claim['source_id']}").json()
    assert source["text"][claim["quote_start"] : claim["quote_end"]] == claim["quote"]
