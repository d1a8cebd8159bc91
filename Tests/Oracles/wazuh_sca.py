#!/usr/bin/env python3
"""An independent oracle for Wazuh SCA verdicts on THIS machine.

It evaluates Wazuh SCA policy files the way Wazuh 5's agent does on the host it runs on
(wazuh/wazuh src/wazuh_modules/sca/sca_impl/src: sca_policy_check.cpp, sca_utils.cpp,
check_condition_evaluator.cpp; commands are run as wm_exec runs them, split by w_strtok),
reading files and directories and running programs directly, with no SSH and none of
ictaudit's code. It prints one JSON object:

    {"<policy id>": {"requirements": "pass|fail|not_applicable|error",
                     "checks": {"<check id>": {"verdict": "...", "rules": ["found", ...]}}}}

Verdicts use ictaudit's words: pass, fail, not_applicable (Wazuh's "Not applicable", and every
check of a policy whose requirements are not met), error (Wazuh's "Not run": a command timed out).

Choices where Wazuh's own code is ambiguous, shared with ictaudit and written down in its notes:
a `d:` rule with a name test and a content test is found when any file below the directory
(walked without following links) has a matching name and matching text; a directory that cannot
be listed makes the rule invalid unless a match was found; a directory holding only links and
subdirectories is not by itself invalid.

Usage: wazuh_sca.py POLICY.yml [POLICY.yml ...]
"""

import json
import os
import re
import subprocess
import sys

import yaml

FOUND, NOT_FOUND, INVALID, NOT_RUN = "found", "not_found", "invalid", "not_run"

# What ictaudit's batch sets for every probe; the agent's service environment is alike.
ENV = {
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LC_ALL": "C",
}
COMMAND_TIMEOUT = 30


class Unjudgeable(Exception):
    pass


# ---------------------------------------------------------------- sca_utils.cpp: PatternMatches

def stoi(text):
    """std::stoi: leading white space, a sign, digits; the rest ignored; throws otherwise."""
    m = re.match(r"[ \t\n\r\v\f]*([+-]?[0-9]+)", text)
    if not m:
        raise Unjudgeable("not a number: %r" % text)
    value = int(m.group(1))
    if not -(2 ** 31) <= value <= 2 ** 31 - 1:
        raise Unjudgeable("out of range: %r" % text)
    return value


def compile_regex(pattern):
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as error:
        raise Unjudgeable("invalid regex %r: %s" % (pattern, error))


def pcre2_match(content, pattern):
    """(matched, captured): group 1 when the match set a group, else the whole match."""
    m = compile_regex(pattern).search(content)
    if not m:
        return False, ""
    if m.lastindex:
        return True, m.group(1) if m.group(1) is not None else ""
    return True, m.group(0)


def numeric(content, expr):
    at = expr.find("compare")
    if at < 0:
        raise Unjudgeable("compare missing")
    pattern = expr[: at - 1]
    rest = expr[at + len("compare") + 1:].split()
    if len(rest) < 2:
        raise Unjudgeable("operator or value missing")
    op, expected = rest[0], stoi(rest[1])
    matched, captured = pcre2_match(content, pattern)
    if not matched:
        return False
    actual = stoi(captured)
    ops = {"<": actual < expected, "<=": actual <= expected, "==": actual == expected,
           "!=": actual != expected, ">=": actual >= expected, ">": actual > expected}
    if op not in ops:
        raise Unjudgeable("operator %r" % op)
    return ops[op]


def minterm(term, line):
    if term.startswith("r:"):
        return pcre2_match(line, term[2:])[0]
    if term.startswith("n:"):
        return numeric(line, term[2:])
    return line == term


def getline_lines(content):
    lines = content.split("\n")
    if content.endswith("\n"):
        lines.pop()
    return lines


def pattern_matches(content, pattern):
    """True/False, or raises Unjudgeable (Wazuh: nullopt)."""
    if content == "":
        return False
    terms = []
    for term in pattern.split(" && "):
        negated = term.startswith("!")
        terms.append((negated, term[1:] if negated else term))
    lines = getline_lines(content)
    if len(terms) == 1 and terms[0][0]:
        for line in lines:
            if minterm(terms[0][1], line):
                return False
        return True
    for line in lines:
        if all(minterm(term, line) != negated for negated, term in terms):
            return True
    return False


def is_regex(pattern):
    return pattern.startswith("r:") or pattern.startswith("!r:")


def is_regex_or_numeric(pattern):
    return is_regex(pattern) or pattern.startswith("n:") or pattern.startswith("!n:")


def get_pattern(rule):
    at = rule.find(" -> ")
    return None if at < 0 else rule[at + 4:]


# ---------------------------------------------------------------- sca_policy_check.cpp

def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def find_content_in_file(path, pattern, negated):
    if is_regex_or_numeric(pattern):
        found = pattern_matches(read_text(path), pattern)
    else:
        found = any(line == pattern for line in getline_lines(read_text(path)))
    return FOUND if found != negated else NOT_FOUND


def flip(result, negated):
    if not negated or result not in (FOUND, NOT_FOUND):
        return result
    return NOT_FOUND if result == FOUND else FOUND


def file_rule(path, pattern, negated):
    if pattern is None:
        try:
            found = os.path.exists(path) and os.path.isfile(path)
        except OSError:
            return INVALID
        return flip(FOUND if found else NOT_FOUND, negated)
    if not (os.path.exists(path) and os.path.isfile(path)):
        return INVALID
    try:
        return find_content_in_file(path, pattern, negated)
    except (OSError, Unjudgeable):
        return INVALID


def dir_rule(path, pattern, negated):
    if pattern is None:
        found = os.path.exists(path) and os.path.isdir(path)
        return flip(FOUND if found else NOT_FOUND, negated)
    if not os.path.exists(path):
        return INVALID
    root = os.path.realpath(path)
    if not os.path.isdir(root):
        return INVALID
    name_test = pattern.split(" -> ", 1)[0]
    content = get_pattern(pattern)
    regex_names = is_regex(name_test)
    problem = False
    stack = [root]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            problem = True
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
                continue
            try:
                if regex_names:
                    named = pattern_matches(entry.name, name_test)
                else:
                    named = entry.name == name_test
            except Unjudgeable:
                return INVALID
            if not named:
                continue
            if content is None:
                return flip(FOUND, negated)
            try:
                if find_content_in_file(entry.path, content, False) == FOUND:
                    return flip(FOUND, negated)
            except (OSError, Unjudgeable):
                return INVALID
    if problem:
        return INVALID
    return flip(NOT_FOUND, negated)


def w_strtok(text):
    """shared/string_op.c w_strtok: spaces split outside double quotes; quotes are removed; a
    backslash makes the next character plain."""
    words, current, quoting, i = [], None, False, 0
    while i < len(text):
        c = text[i]
        if c == " " and not quoting:
            if current is not None:
                words.append(current)
            current = None
        elif c == '"':
            if quoting and current is None:
                current = ""
            quoting = not quoting
        elif c == "\\":
            if i + 1 < len(text):
                i += 1
                current = (current or "") + text[i]
        else:
            current = (current or "") + c
        i += 1
    if current is not None:
        words.append(current)
    return words


def run_program(text):
    """wm_exec: no shell, stdout and stderr on one pipe; None when it cannot be run (the child's
    exec fails: exit 127) and "timeout" after the time limit."""
    argv = w_strtok(text)
    if not argv:
        return None
    try:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env=ENV, timeout=COMMAND_TIMEOUT,
                              start_new_session=True)
    except (FileNotFoundError, PermissionError, NotADirectoryError, OSError):
        return None
    except subprocess.TimeoutExpired:
        return "timeout"
    if done.returncode == 127:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def command_rule(command, pattern, negated):
    output = run_program(command)
    if output is None:
        return INVALID
    if output == "timeout":
        return NOT_RUN
    result = NOT_FOUND
    if pattern is not None:
        output = output.strip("\n")
        if is_regex_or_numeric(pattern):
            try:
                result = FOUND if pattern_matches(output, pattern) else NOT_FOUND
            except Unjudgeable:
                return INVALID
        elif output == pattern:
            result = FOUND
    else:
        result = FOUND
    return flip(result, negated)


def process_names():
    names = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open("/proc/%s/comm" % pid) as f:
                    names.append(f.read().rstrip("\n"))
            except OSError:
                pass
    return names


def process_rule(name, negated):
    return flip(FOUND if name in process_names() else NOT_FOUND, negated)


def evaluate_rule(text):
    rule = text.strip(" \t")
    negated = False
    if rule.startswith("not "):
        negated = True
        rule = rule[4:].strip(" \t")
    pattern = get_pattern(rule)
    if pattern is not None:
        rule = rule[: rule.find("->")].strip(" \t")
    kind, _, value = rule.partition(":")
    kind = kind.lstrip("!")
    if kind == "f":
        return file_rule(value, pattern, negated)
    if kind == "d":
        return dir_rule(value, pattern, negated)
    if kind == "c":
        return command_rule(value, pattern, negated)
    if kind == "p":
        return process_rule(value, negated)
    # Registry rules have no meaning on Linux; Wazuh builds no evaluator for them there.
    return INVALID


# ---------------------------------------------------------------- check_condition_evaluator.cpp

def evaluate_check(condition, rules):
    decided, invalid, not_run, results = None, False, False, []
    for rule in rules:
        result = evaluate_rule(rule)
        results.append(result)
        if result == INVALID:
            invalid = True
        if result == NOT_RUN:
            not_run = True
        if condition == "all" and result == NOT_FOUND:
            decided = "fail"
        if condition == "any" and result == FOUND:
            decided = "pass"
        if condition == "none" and result == FOUND:
            decided = "fail"
        if decided:
            break
    if decided:
        return decided, results
    if not_run:
        return "error", results
    if not rules or invalid:
        return "not_applicable", results
    return ("fail" if condition == "any" else "pass"), results


def substitute(rule, variables):
    for name, value in variables.items():
        rule = rule.replace(name, str(value))
    return rule


def evaluate_policy(path):
    with open(path) as f:
        document = yaml.safe_load(f)
    variables = document.get("variables") or {}
    policy = {"checks": {}}
    requirements = document.get("requirements")
    met = True
    if requirements:
        verdict, _ = evaluate_check(
            requirements["condition"], [substitute(r, variables) for r in requirements["rules"]])
        policy["requirements"] = verdict
        met = verdict == "pass"
    for check in document["checks"]:
        rules = [substitute(r, variables) for r in check["rules"]]
        if met:
            verdict, results = evaluate_check(check["condition"], rules)
        else:
            verdict, results = "not_applicable", []
        policy["checks"][str(check["id"])] = {"verdict": verdict, "rules": results}
    return document["policy"]["id"], policy


def main(paths):
    out = {}
    for path in paths:
        policy_id, policy = evaluate_policy(path)
        out[policy_id] = policy
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
