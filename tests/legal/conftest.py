import pytest


@pytest.fixture
def aid_table(db):
    from vanort.legal.services import status_table_seed

    status_table_seed()


FIRE_ENGINE = {
    "giver": "kommun",
    "recipient_country": "UA",
    "decision_date": "2025-05-01",
    "activity": "aid",
    "form": "equipment",
    "equipment_origin": "spare",
    "goods_type": "civil",
    "recipient_entity": "foreign_public",
    "use_verification_plan": True,
    "decision_body": "styrelse_or_namnd",
}


@pytest.fixture
def fire_engine_case():
    return dict(FIRE_ENGINE)
