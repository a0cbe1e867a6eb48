#!/usr/bin/env bash
# The bridge rules that a script can check (src/pg/guard.hpp explains them); make test runs it.
#   1. server headers (*.h) are included only in src/pg/;
#   2. SQL-callable functions are declared only through FITNESS_SQL_FUNCTION: no other file
#      says PG_FUNCTION_INFO_V1;
#   3. a destructor calls nothing but the functions guard.hpp lists (and C++ it can see is
#      noexcept: the members named below);
#   4. includes point down the layers only: pg (the bridge) < common (Uuid, uuid v7, the
#      stamp, the acting user) < identity < tenancy < the other capabilities (every other
#      folder of src/), which do not include each other;
#   5. _PG_init is defined only in src/module.cpp, which includes only src/pg/ headers: a
#      capability's load-time set-up is a FITNESS_LOAD_STEP in its own folder.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY'
import pathlib, re, sys

src = pathlib.Path("src")
LAYERS = {"pg": 0, "common": 1, "identity": 2, "tenancy": 3}
CAPABILITY = 4  # every other folder
files = sorted(p for p in src.rglob("*") if p.suffix in (".cpp", ".hpp"))
problems = []

for path in files:
    text = path.read_text()
    in_pg = path.parts[1] == "pg"
    for n, line in enumerate(text.splitlines(), 1):
        m = re.match(r'\s*#include "([^"]+)"', line)
        if m:
            header = m.group(1)
            if header.endswith(".h") and not in_pg:
                problems.append(f"{path}:{n}: server header {header} outside src/pg/ (add it to pg/postgres.hpp)")
            folder = path.parts[1] if len(path.parts) > 2 else None
            target = header.split("/")[0] if "/" in header and header.endswith(".hpp") else None
            if folder is not None and target is not None and target != folder:
                if LAYERS.get(target, CAPABILITY) >= LAYERS.get(folder, CAPABILITY):
                    problems.append(f"{path}:{n}: src/{folder}/ includes {header}: only lower layers may be included")
            if path.as_posix() == "src/module.cpp" and not header.startswith("pg/"):
                problems.append(f"{path}:{n}: module.cpp includes {header}: a capability registers a FITNESS_LOAD_STEP instead")
        if re.search(r"\bvoid\s+_PG_init\s*\(", line) and path.as_posix() != "src/module.cpp":
            problems.append(f"{path}:{n}: _PG_init outside src/module.cpp")
        if "PG_FUNCTION_INFO_V1" in line and path.as_posix() != "src/pg/function.hpp":
            problems.append(f"{path}:{n}: PG_FUNCTION_INFO_V1 outside FITNESS_SQL_FUNCTION")

# Destructor bodies: every call must be on the list of guard.hpp.
allowed = {
    # PostgreSQL (guard.hpp lists why each is safe)
    "SPI_finish", "AtEOXact_GUC", "PopActiveSnapshot", "SetUserIdAndSecContext",
    "RollbackAndReleaseCurrentSubTransaction", "MemoryContextSwitchTo",
    # our noexcept members
    "back_to_caller",
}
keywords = {"if", "for", "while", "switch", "return", "sizeof", "static_cast"}

def body_at(text, start):
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    return ""

for path in files:
    text = path.read_text()
    for m in re.finditer(r"~(\w+)\(\)\s*(?:noexcept\s*)?\{", text):
        body = body_at(text, m.end() - 1)
        body = re.sub(r"//[^\n]*", "", body)
        for call in re.findall(r"\b([A-Za-z_]\w*)\s*\(", body):
            if call not in allowed and call not in keywords:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path}:{line}: destructor ~{m.group(1)} calls {call}, which guard.hpp does not allow")

for p in problems:
    print(p, file=sys.stderr)
if problems:
    print(f"check-bridge: {len(problems)} problem(s)", file=sys.stderr)
    sys.exit(1)
PY
