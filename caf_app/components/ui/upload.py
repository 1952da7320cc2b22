"""A file picker that is a real button: "Prendre une photo" opens the rear camera on a phone.

Built on rx.upload (react-dropzone). Two adjustments rely on its internal structure in reflex 0.10.1 (pinned;
tests/e2e checks the rendered attributes): the hidden <input type=file> gets `capture`, and the drop zone, which
react-dropzone marks role=presentation, is given role=button and an accessible name.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.style import Style
from reflex_base.vars.base import Var

# HEIC/HEIF: an iPhone's photos as they are (documents/processing.py turns them into JPEG). Some browsers give a
# .heic file no MIME type: react-dropzone then accepts it by its extension.
IMAGES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/heic": [".heic"], "image/heif": [".heif"]}
IMAGES_AND_PDF = {**IMAGES, "application/pdf": [".pdf"]}


def rejection_codes(rejections: Var) -> Var:
    """Only the reasons of a refusal: the refused File itself must not travel over the websocket (1 MB cap)."""
    return Var(_js_expr=f"{rejections!s}.map((r) => r.errors.map((e) => e.code).join(' '))")


def picker(*children, id: str, label: str, accept: dict, on_drop, on_rejected, max_size: int,
           camera: bool = False, class_name: str = "button button--primary picker") -> rx.Component:
    """id: the upload id (camera input id: `<id>-input`). label: the button's accessible name.

    on_rejected: a handler taking the refusal codes ("file-too-large", "file-invalid-type"...).
    """
    # rx.upload.root, not rx.upload: the styled one adds a dashed border and 5em of padding (a 230 px block);
    # our .button class alone draws a 48 px button (a file can still be dropped on "Choisir un fichier").
    upload = rx.upload.root(*children, id=id, accept=accept, multiple=not camera, max_size=max_size,
                            no_drag=camera,
                            on_drop=on_drop,
                            on_drop_rejected=lambda rejections: on_rejected(rejection_codes(rejections)),
                            class_name=class_name)
    zone = upload.children[0]
    file_input = zone.children[0]
    if camera:
        # An id lets tests and scripts find the camera input. Not on other inputs: inside a form, Reflex would
        # submit the chosen file itself (by id) with the form, over the websocket.
        file_input.id = f"{id}-input"
    # The zone is the button: the input must not be a second, nested one (react-dropzone clicks it itself).
    file_input.custom_attrs["aria-hidden"] = "true"
    file_input.style = Style({"display": "none"})
    if camera:
        file_input.custom_attrs["capture"] = "environment"
    root_props = zone.special_props[0]
    zone.special_props = [Var(_js_expr=root_props._js_expr.replace(
        "()", f"({{role: 'button', 'aria-label': {label!r}}})", 1), _var_data=root_props._get_all_var_data())]
    return upload
