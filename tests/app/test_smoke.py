def test_health_answers(client):
    response = client.get("/sante")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
