"""`python -m caf_app.deploy` (what `make production` runs): prepare the recipe, then hand over to supervisord,
which starts and watches every program until Ctrl+C. Settings: CAF_DEPLOY_DIR, CAF_HTTP_PORT, CAF_APP_PORTS,
CAF_WORKERS, CAF_PUBLIC_URL, REFLEX_DB_URL, REFLEX_REDIS_URL, CAF_ENV (README)."""

import os

from .recipe import Recipe


def main() -> None:
    recipe = Recipe.from_environment()
    try:
        recipe.prepare()
    except RuntimeError as error:
        raise SystemExit(str(error)) from None
    print(f"caf_app : {recipe.public_url} (nginx devant {len(recipe.app_ports)} instances). "
          f"Journaux : {recipe.root / 'logs'} ; état : supervisorctl -c {recipe.supervisor_conf} status")
    command = recipe.supervisord_command()
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
