"""Quick schema check for one content file while the full loader is being built.

usage: python tools/validate_yaml.py FILE KIND   (KIND: materials|helplines|facts|exercises|guide|themes|templates)
"""
import sys
from ruamel.yaml import YAML
from pydantic import TypeAdapter, ValidationError
sys.path.insert(0, ".")
from planner import models as m

KINDS = {
    "materials": ("materials", list[m.Material]),
    "facts": ("facts", list[m.LegalFact]),
    "exercises": ("exercises", list[m.Exercise]),
    "themes": ("themes", list[m.Theme]),
    "templates": ("templates", list[m.LessonTemplate]),
    "helplines": (None, m.HelplineFile),
    "guide": (None, m.Guide),
}
path, kind = sys.argv[1], sys.argv[2]
key, typ = KINDS[kind]
data = YAML(typ="safe").load(open(path, encoding="utf-8"))
try:
    obj = TypeAdapter(typ).validate_python(data[key] if key else data)
    print("OK", len(obj) if isinstance(obj, list) else "")
except ValidationError as e:
    print(e)
    sys.exit(1)
