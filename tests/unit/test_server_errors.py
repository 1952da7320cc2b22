"""What a person reads when the server cannot finish an event: French, and "unavailable" when the database or
Redis is out of reach (nothing was written), else an unexpected error."""

import redis.exceptions
import sqlalchemy.exc

from caf_app.content.shell import UNAVAILABLE, UNEXPECTED
from caf_app.state.errors import backend_exception_handler


def message_of(spec) -> str:
    return str(spec)


def test_the_database_or_redis_out_of_reach_says_the_service_is_unavailable():
    down = sqlalchemy.exc.OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
    for error in (down, redis.exceptions.ConnectionError("Connection refused")):
        shown = message_of(backend_exception_handler(error))
        assert UNAVAILABLE.split(" :")[0] in shown and "An error occurred" not in shown


def test_anything_else_is_an_unexpected_error_in_french():
    shown = message_of(backend_exception_handler(ValueError("boom")))
    assert UNEXPECTED.split(" et ")[0] in shown and "boom" not in shown
