import InventoryModel

/// Functions, methods and list macros.
///
/// Method-style functions (`s.lower()`) may also be called as functions (`lower(s)`): the first
/// argument becomes the receiver. Arguments that must be known when the policy loads (a regular
/// expression, a file path, a command name) are required to be literal strings, so mistakes are
/// caught then and the scanner knows which probes to run.
extension TypeChecker {
    private static let methods: Set<String> = [
        "size", "lower", "upper", "trim", "lines", "startsWith", "endsWith", "contains", "matches",
    ]
    private static let macros: Set<String> = ["exists", "all", "count", "filter", "map"]

    mutating func checkCall(_ expr: Expr, receiver: Expr?, function: String, arguments: [Expr])
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        if Self.macros.contains(function) {
            guard let receiver else {
                throw ExpressionError(.listMethod(function), at: expr.position)
            }
            return try checkMacro(expr, function: function, range: receiver, arguments: arguments)
        }
        if Self.methods.contains(function) {
            var arguments = arguments
            guard let target = receiver ?? (arguments.isEmpty ? nil : arguments.removeFirst())
            else {
                throw ExpressionError(.needsReceiver(function), at: expr.position)
            }
            return try checkMethod(expr, function, target, arguments)
        }
        if let receiver {
            guard Self.functions.contains(function) else {
                throw ExpressionError(
                    .unknownFunction(function, suggestion: Suggestion.nearest(to: function, among: Self.functions)), at: expr.position)
            }
            throw ExpressionError(.notMethod(function, receiver: text(receiver)), at: expr.position)
        }
        switch function {
        case "version":
            let (program, _) = try argument(expr, function, arguments, .string)
            if case Program.constant(FactValue.string(let written)) = program {
                guard VersionOrder.isVersion(written) else {
                    throw ExpressionError(.notVersion(written), at: arguments[0].position)
                }
                return (.constant(.string(written.trimmed)), .version)
            }
            return (.builtin(.version, [program]), .version)
        case "days_since":
            let (program, _) = try argument(expr, function, arguments, .date)
            return (.builtin(.daysSince, [program]), .double)
        case "int":
            let (program, _) = try argument(expr, function, arguments, nil)
            return (.builtin(.toInt, [program]), .int)
        case "double":
            let (program, _) = try argument(expr, function, arguments, nil)
            return (.builtin(.toDouble, [program]), .double)
        case "string":
            let (program, _) = try argument(expr, function, arguments, nil)
            return (.builtin(.toText, [program]), .string)
        case "file":
            let path = try literal(
                expr, function, arguments, what: .filePath)
            guard path.hasPrefix("/") || path.contains("\\") else {
                throw ExpressionError(.fileNeedsAbsolute, at: arguments[0].position)
            }
            let probe = Probe.file(path)
            probes.insert(probe)
            return (.probe(probe), .string)
        case "command":
            let name = try literal(
                expr, function, arguments, what: .commandName)
            let probe: Probe
            if let commands {
                guard let declared = commands[name] else {
                    throw ExpressionError(
                        .noCommand(name, suggestion: Suggestion.nearest(to: name, among: commands.keys.sorted())), at: arguments[0].position)
                }
                probe = declared
            } else {
                probe = Probe(kind: .command, name: name)
            }
            probes.insert(probe)
            return (.probe(probe), .string)
        default:
            throw ExpressionError(
                .unknownFunction(function, suggestion: Suggestion.nearest(to: function, among: Self.functions)), at: expr.position)
        }
    }

    private mutating func checkMethod(
        _ expr: Expr, _ function: String, _ target: Expr, _ arguments: [Expr]
    ) throws(ExpressionError) -> (Program, ExpressionType) {
        let (program, type) = try check(target)
        func requireText() throws(ExpressionError) {
            guard type == .string || type == .dyn else {
                throw ExpressionError(.needsString(function: function, expression: text(target), type: type.description), at: expr.position)
            }
        }
        func noArguments() throws(ExpressionError) {
            guard arguments.isEmpty else {
                throw ExpressionError(.noArguments(function: function), at: arguments[0].position)
            }
        }
        switch function {
        case "size":
            try noArguments()
            switch type {
            case .list, .string, .dyn: return (.size(program), .int)
            default:
                throw ExpressionError(.sizeNeeds(expression: text(target), type: type.description), at: expr.position)
            }
        case "lower", "upper", "trim", "lines":
            try noArguments()
            try requireText()
            let builtin: Builtin =
                function == "lower"
                ? .lower : function == "upper" ? .upper : function == "trim" ? .trim : .lines
            return (.builtin(builtin, [program]), builtin == .lines ? .list(.string) : .string)
        case "startsWith", "endsWith":
            try requireText()
            let (argument, _) = try argument(expr, function, arguments, .string)
            return (
                .builtin(function == "startsWith" ? .startsWith : .endsWith, [program, argument]),
                .bool
            )
        case "matches":
            try requireText()
            let pattern = try literal(
                expr, function, arguments, what: .regex)
            do {
                return (.matches(program, try CompiledRegex(pattern)), .bool)
            } catch {
                throw ExpressionError(.badRegex(pattern), at: arguments[0].position)
            }
        case "contains":
            switch type {
            case .string:
                let (argument, _) = try argument(expr, function, arguments, .string)
                return (.builtin(.containsText, [program, argument]), .bool)
            case .list(let element):
                guard arguments.count == 1 else {
                    throw ExpressionError(.containsOneArgument, at: expr.position)
                }
                let (argument, argumentType) = try check(arguments[0])
                guard argumentType != .null, argumentType.isComparable(with: element) else {
                    throw ExpressionError(.cannotLookFor(argumentType.description, in: type.description), at: arguments[0].position)
                }
                return (.contains(element: argument, list: program), .bool)
            default:
                throw ExpressionError(.containsNeeds(expression: text(target), type: type.description), at: expr.position)
            }
        default:
            throw ExpressionError(.unknownFunction(function, suggestion: nil), at: expr.position)
        }
    }

    /// The one argument of `function`, checked to have `type` (any type when `nil`).
    private mutating func argument(
        _ expr: Expr, _ function: String, _ arguments: [Expr], _ type: ExpressionType?
    ) throws(ExpressionError) -> (Program, ExpressionType) {
        guard arguments.count == 1 else {
            throw ExpressionError(.oneArgument(function: function, given: arguments.count), at: expr.position)
        }
        let (program, actual) = try check(arguments[0])
        if let type, actual != type, actual != .dyn {
            throw ExpressionError(
                .needsType(function: function, type: type.description, expression: text(arguments[0]), actual: actual.description),
                at: arguments[0].position)
        }
        if type == nil, case .list = actual {
            throw ExpressionError(.singleValue(function: function, actual: actual.description), at: arguments[0].position)
        }
        return (program, actual)
    }

    /// The one argument of `function`, which must be a literal string.
    private func literal(_ expr: Expr, _ function: String, _ arguments: [Expr], what: ExpressionProblem.Literal)
        throws(ExpressionError) -> String
    {
        guard arguments.count == 1 else {
            throw ExpressionError(.literalArgument(function: function, what), at: expr.position)
        }
        guard case .literal(.string(let value)) = arguments[0].kind, !value.isEmpty else {
            throw ExpressionError(.literalWritten(function: function, what), at: arguments[0].position)
        }
        return value
    }

    /// `list.exists(x, p)`, `all`, `count`, `filter` and `map(x, f)`: `x` is bound to each
    /// element in turn, in a slot of its own, visible only inside the second argument.
    private mutating func checkMacro(
        _ expr: Expr, function: String, range: Expr, arguments: [Expr]
    ) throws(ExpressionError) -> (Program, ExpressionType) {
        guard arguments.count == 2 else {
            throw ExpressionError(.macroShape(function: function, map: function == "map"), at: expr.position)
        }
        guard case .identifier(let name) = arguments[0].kind else {
            throw ExpressionError(.macroVariable(function: function), at: arguments[0].position)
        }
        if scope.contains(where: { $0.name == name }) {
            throw ExpressionError(.nameInUse(name), at: arguments[0].position)
        }
        let (list, listType) = try check(range)
        let elementType: ExpressionType
        switch listType {
        case .list(let element): elementType = element
        case .dyn: elementType = .dyn
        default:
            throw ExpressionError(.macroNeedsList(function: function, expression: text(range), type: listType.description), at: expr.position)
        }
        let slot = scope.count
        var elementBase: String?
        if case .path(_, let steps) = list { elementBase = steps.rooted }
        scope.append(Variable(name: name, type: elementType, slot: slot, elementBase: elementBase))
        slotCount = max(slotCount, scope.count)
        defer { scope.removeLast() }
        let (body, bodyType) = try check(arguments[1])
        if function == "map" {
            guard bodyType != .null else {
                throw ExpressionError(.mapNull, at: arguments[1].position)
            }
            return (.map(list: list, slot: slot, transform: body), .list(bodyType))
        }
        try requireBool(bodyType, of: arguments[1], role: .condition(of: function))
        switch function {
        case "exists": return (.exists(list: list, slot: slot, predicate: body), .bool)
        case "all": return (.all(list: list, slot: slot, predicate: body), .bool)
        case "count": return (.count(list: list, slot: slot, predicate: body), .int)
        default: return (.filter(list: list, slot: slot, predicate: body), listType)
        }
    }
}

extension String {
    /// Without leading and trailing whitespace; the text itself, unallocated, when it has none
    /// (the usual case for fact values, trimmed on every host).
    var trimmed: String {
        // Printable ASCII at both ends settles it without looking up Unicode properties.
        if let head = utf8.first, let tail = utf8.last, (0x21...0x7E).contains(head), (0x21...0x7E).contains(tail) {
            return self
        }
        guard let head = unicodeScalars.first, let tail = unicodeScalars.last,
            head.properties.isWhitespace || tail.properties.isWhitespace
        else { return self }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
