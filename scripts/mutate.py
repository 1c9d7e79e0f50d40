"""`make mutate`: mutmut 3 over the security core, with two adjustments made here.

mutmut 3 copies the code to `mutants/`, puts every mutant of a function behind a trampoline
and runs, per mutant, only the tests that called that function (README, "Mutation testing").
Out of the box it skips every decorated function, because a decorator runs at definition time
and may register or wrap the function. Two decorators of the security core do neither:
`@rules.predicate` (the predicates the policy is built from) and `@transaction.atomic` (the
services that share, take shares down and record consent). Leaving them out would leave the
heart of the core unmeasured, so here they stay on the trampoline only, and the function's
original and mutated copies beneath it are plain functions that mutmut mutates as usual.

Translated messages (`_()`, `gettext`, `ngettext`) are not mutated: their wording is the
translators' and the translation tests', not a rule of the core. Nor are the arguments of
query-shaping calls or the case of HTTP header names, and in some files only some functions are
mutated: each with its reason below.

Written against mutmut 3.8 (pinned in pyproject.toml): the checks below fail loudly if a new
release moves what this adjusts.
"""

from __future__ import annotations

import fnmatch
import re
import sys

import libcst as cst
from mutmut.mutation import file_mutation

# Decorators that only wrap the call (same arguments, same result, no registration).
PASS_THROUGH_DECORATORS = {"rules.predicate", "transaction.atomic"}
# Calls whose arguments are user-facing wording.
TRANSLATION_CALLS = {"_", "gettext", "gettext_lazy", "ngettext"}
# Query methods whose arguments only shape the SQL: which relations to join in or prefetch (the
# same objects, more queries) and which rows to lock (a no-op on SQLite, and races that no test in
# one process can show). Their mutants change no answer; in the functions every request calls
# they would each rerun a thousand tests for nothing.
QUERY_SHAPE_METHODS = {"select_related", "prefetch_related", "select_for_update"}
# HTTP header names ("Content-Length", "Upload_Offset" for tus's "Upload-Offset", "Range"): they
# are case-insensitive (RFC 9110), and so are Django's request.headers and response headers.
# Their mutants in another case change nothing; "XX...XX" ones are still made.
HEADER_NAME = re.compile(r"^[A-Z][a-z]+(?:[-_][A-Z][a-z]+)*$")

# In these files only the functions named are mutated: an app's personal_data.py holds its
# erasure steps (mutated) beside the builders of the "my data" export (not security core).
ONLY_FUNCTIONS = {
    "videoklub/*/personal_data.py": ("*erase*", "_sessions_of", "contributors"),
}
# These run once, when the apps load, before mutmut forks a process per mutant: no test can see
# their mutants (each would survive without meaning anything). Every test loads the apps.
RUN_AT_START_UP = {
    "videoklub/policy.py": ("register",),
    "videoklub/core/personal_data.py": ("register",),
}

assert isinstance(file_mutation.NEVER_MUTATE_FUNCTION_CALLS, set), "mutmut changed"
assert hasattr(file_mutation.MutationVisitor, "_skip_node_and_children"), "mutmut changed"
assert hasattr(file_mutation, "function_trampoline_arrangement"), "mutmut changed"
assert hasattr(file_mutation, "create_mutations"), "mutmut changed"
assert hasattr(file_mutation.MutationVisitor, "_should_mutate_node"), "mutmut changed"
assert hasattr(file_mutation.MutationVisitor, "_create_mutations"), "mutmut changed"


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _passes_through(function: cst.FunctionDef) -> bool:
    return bool(function.decorators) and all(
        _dotted(decorator.decorator) in PASS_THROUGH_DECORATORS for decorator in function.decorators
    )


def _names(table: dict[str, tuple[str, ...]], filename: str) -> tuple[str, ...] | None:
    for pattern, names in table.items():
        if fnmatch.fnmatch(filename, pattern):
            return names
    return None


def _left_out(filename: str, function: str) -> bool:
    only = _names(ONLY_FUNCTIONS, filename)
    if only is not None and not any(fnmatch.fnmatch(function, name) for name in only):
        return True
    return function in (_names(RUN_AT_START_UP, filename) or ())


_create_mutations = file_mutation.create_mutations
_current_file = ""


def create_mutations(filename: str, *args, **kwargs):
    """mutmut's own, remembering which file the visitor below is in."""
    global _current_file
    _current_file = str(filename)
    return _create_mutations(filename, *args, **kwargs)


def _shapes_query(node: cst.CSTNode) -> bool:
    """A call such as `.select_related("klub")`: only names of relations (a `Prefetch` with
    its own queryset or attribute decides what is shown, and stays mutated), or a lock."""
    if not (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in QUERY_SHAPE_METHODS
    ):
        return False
    return node.func.attr.value == "select_for_update" or all(
        isinstance(arg.value, cst.SimpleString) for arg in node.args
    )


_create_mutations_of_node = file_mutation.MutationVisitor._create_mutations


def create_mutations_of_node(self, node: cst.CSTNode) -> None:
    """mutmut's own, without mutants that only change the case of a header name."""
    made = len(self.mutations)
    _create_mutations_of_node(self, node)
    if isinstance(node, cst.SimpleString) and HEADER_NAME.match(str(node.evaluated_value)):
        name = str(node.evaluated_value).lower()
        self.mutations[made:] = [
            mutation
            for mutation in self.mutations[made:]
            if str(getattr(mutation.mutated_node, "evaluated_value", "")).lower() != name
        ]


_should_mutate_node = file_mutation.MutationVisitor._should_mutate_node


def should_mutate_node(self, node: cst.CSTNode) -> bool:
    """mutmut's own rule, except for a query-shaping call itself (removing its arguments)."""
    return not _shapes_query(node) and _should_mutate_node(self, node)


_skip_node_and_children = file_mutation.MutationVisitor._skip_node_and_children


def skip_node_and_children(self, node: cst.CSTNode) -> bool:
    """mutmut's own rules, except that pass-through decorators do not hide the function, and
    that functions left out above are skipped."""
    if isinstance(node, cst.FunctionDef) and _left_out(_current_file, node.name.value):
        return True
    if _shapes_query(node):
        # Its arguments are visited next (the call's receiver, outside them, still mutates).
        self.__dict__.setdefault("query_shape_arguments", set()).update(map(id, node.args))
    elif id(node) in self.__dict__.get("query_shape_arguments", ()):
        return True
    if isinstance(node, cst.FunctionDef) and _passes_through(node):
        decorators = node.decorators
        object.__setattr__(node, "decorators", ())  # the node is frozen; restored below
        try:
            return _skip_node_and_children(self, node)
        finally:
            object.__setattr__(node, "decorators", decorators)
    return _skip_node_and_children(self, node)


_function_trampoline_arrangement = file_mutation.function_trampoline_arrangement


def function_trampoline_arrangement(function: cst.FunctionDef, mutants, class_name):
    """The decorators go on the trampoline only: the original and each mutant stay plain
    (no second transaction or predicate inside the first)."""
    if not _passes_through(function):
        return _function_trampoline_arrangement(function, mutants, class_name)
    plain = function.with_changes(decorators=())
    # The mutations point at nodes of the decorated function; its body is the same object.
    declarations, nodes, assignments, names = _function_trampoline_arrangement(
        plain, mutants, class_name
    )
    trampoline, *copies = nodes
    assert isinstance(trampoline, cst.FunctionDef)
    trampoline = trampoline.with_changes(decorators=[*function.decorators, *trampoline.decorators])
    return declarations, [trampoline, *copies], assignments, names


file_mutation.NEVER_MUTATE_FUNCTION_CALLS |= TRANSLATION_CALLS
file_mutation.create_mutations = create_mutations
file_mutation.MutationVisitor._skip_node_and_children = skip_node_and_children  # type: ignore[method-assign]
file_mutation.MutationVisitor._should_mutate_node = should_mutate_node  # type: ignore[method-assign]
file_mutation.MutationVisitor._create_mutations = create_mutations_of_node  # type: ignore[method-assign]
file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


def refresh_copied_files() -> None:
    """mutmut copies the templates, translations and static files into mutants/ only once;
    a later run would test new code against old templates. Copy the ones changed since."""
    import os
    import shutil
    from pathlib import Path

    from mutmut.configuration import config

    for source_path in config().source_paths:
        for root, _dirs, files in os.walk(source_path):
            for name in files:
                source = Path(root) / name
                target = Path("mutants") / source
                if source.suffix == ".py" or not target.parent.exists():
                    continue
                if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
                    shutil.copy2(source, target)


if __name__ == "__main__":
    from mutmut.__main__ import cli

    refresh_copied_files()

    sys.exit(cli())
