"""Stage 4: pydantic v2 models from the normalized schemas, via datamodel-code-generator.

Every schema reaching this stage already has its final class name (normalize.py hoists
inline objects), so the model generator never has to invent a name.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from datamodel_code_generator import (  # type: ignore[attr-defined]  # re-exported, but not in __all__
    DataModelType,
    InputFileType,
    LiteralType,
    PythonVersion,
    generate,
)

from . import ir
from .errors import GeneratorError
from .text import intro, wrap

BASE_CLASS = "intercom_sdk._models.BaseModel"
# `alias=` would make type checkers (dataclass_transform) expect the JSON name, which
# cannot be written when it is `from` or `pt-BR`; split aliases keep `from_=` typed.
ALIAS = re.compile(r"\balias=(['\"])(.+?)\1")


def render_models(api: ir.Api) -> str:
    document = {
        "openapi": "3.0.1",
        "info": {"title": api.title, "version": api.api_version},
        "paths": {},
        "components": {"schemas": _for_models(api.schemas)},
    }
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "schemas.json"
        target = Path(tmp) / "models.py"
        source.write_text(json.dumps(document, sort_keys=False))
        try:
            generate(
                source,
                input_file_type=InputFileType.OpenAPI,
                output=target,
                output_model_type=DataModelType.PydanticV2BaseModel,
                base_class=BASE_CLASS,
                target_python_version=PythonVersion.PY_310,
                enum_field_as_literal=LiteralType.All,
                use_one_literal_as_default=True,
                use_default_kwarg=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_schema_description=True,
                use_field_description=True,
                use_double_quotes=True,
                disable_timestamp=True,
                keep_model_order=True,
                field_constraints=True,
                strict_nullable=True,
                capitalise_enum_members=True,
                allow_population_by_field_name=False,
                formatters=[],
            )
        except Exception as exc:  # the model generator raises many types; report them as one
            raise GeneratorError(f"model generation failed: {exc}") from exc
        return ALIAS.sub(r'validation_alias="\2", serialization_alias="\2"', target.read_text())


def _for_models(node: Any, names: bool = False) -> Any:
    """Schemas as the model generator should see them: no examples (they belong in the docs,
    not in every Field()), descriptions trimmed to their opening and wrapped for docstrings."""
    if isinstance(node, dict):
        # Under `properties` (names=True) the keys are field names, never keywords.
        return {
            k: _describe(v) if k == "description" and not names and isinstance(v, str)
            else _for_models(v, names=(k == "properties" and not names))
            for k, v in node.items()
            if names or k not in ("example", "examples")
        }
    if isinstance(node, list):
        return [_for_models(v) for v in node]
    return node


def _describe(text: str) -> str:
    return wrap(intro(text), 84)
