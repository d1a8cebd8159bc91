import Testing

@testable import PolicyEngine

func checkError(_ text: String) -> ExpressionError? {
    do {
        _ = try Expression(text, expecting: .bool)
        return nil
    } catch {
        return error
    }
}

struct TypeCheckerTests {
    @Test("An unknown field is named, with the nearest valid field suggested")
    func unknownField() {
        let error = checkError(#"host.sshd.permit_root_logn == "no""#)
        #expect(
            error?.message
                == "unknown field 'permit_root_logn' on SSHD; did you mean 'permit_root_login'?")
        #expect(error?.position.column == 11)
    }

    @Test("Unknown names and functions get suggestions; far-off names do not")
    func unknownNames() {
        #expect(
            checkError("hots.port == 22")?.message == "unknown name 'hots'; did you mean 'host'?")
        #expect(
            checkError("host.antivirus.exist(a, a.installed)")?.message
                == "unknown function 'exist'; did you mean 'exists'?")
        #expect(checkError("host.zzzzzzzz == 1")?.message == "unknown field 'zzzzzzzz' on Host")
    }

    @Test("Comparing values of different types is an error at the operator")
    func comparisonMismatch() {
        let error = checkError(#"host.port == "22""#)
        #expect(error?.message == "cannot compare int with string using '=='")
        #expect(error?.position.column == 11)
        #expect(
            checkError("host.port < true")?.message
                == "'<' needs two numbers, strings, dates, durations or versions, but found int and bool"
        )
        #expect(
            checkError(#""x" in host.listening"#)?.message
                == "cannot look for a string in a list<ListeningSocket>")
        #expect(
            checkError(#"22 in host.os.family"#)?.message
                == "the right side of 'in' must be a list, but host.os.family is a string")
    }

    @Test("Logical operators need bool operands")
    func logicalOperands() {
        let error = checkError("host.port && true")
        #expect(
            error?.message
                == "the left side of '&&' must be a bool condition, but host.port is an int")
        #expect(error?.position.column == 6)
        #expect(
            checkError("!host.hostname")?.message
                == "the operand of '!' must be a bool condition, but host.hostname is a string")
    }

    @Test("exists and all need a list, a variable name and a bool condition")
    func macroErrors() {
        let notList = checkError(#"host.os.family.exists(x, x == "a")"#)
        #expect(notList?.message == "'exists' needs a list, but host.os.family is a string")
        #expect(notList?.position.column == 16)
        #expect(
            checkError("host.listening.all(1, true)")?.message
                == "the first argument of all must be a variable name, such as x")
        #expect(
            checkError("host.listening.exists(host, true)")?.message
                == "the name 'host' is already in use; choose another variable name")
        #expect(
            checkError("host.listening.exists(s, s.port)")?.message
                == "the condition of exists must be a bool condition, but s.port is an int")
        #expect(
            checkError("host.listening.exists(s)")?.message
                == "exists takes a variable name and a condition: exists(x, condition)")
    }

    @Test("Reading a field of a list explains how to look inside it")
    func fieldOfList() {
        #expect(
            checkError("host.listening.port == 23")?.message
                == "cannot read field 'port' of host.listening, which is a list<ListeningSocket>; use host.listening.exists(x, x.port ...) or all(...) to look inside the list"
        )
    }

    @Test("The whole check must be a bool")
    func wholeCheckIsBool() {
        let error = checkError("host.port")
        #expect(error?.message == "the expression must be a bool condition, but it is an int")
    }

    @Test("Lists hold one type; numbers unify to double; arithmetic needs matching types")
    func listsAndArithmetic() throws {
        #expect(
            checkError(#"host.port in [22, "ssh"]"#)?.message
                == "list elements must all have one type; found int and string")
        #expect(try Expression("host.port in [22, 2222.0]").type == .bool)
        #expect(try Expression("host.port + 1 == 23").type == .bool)
        #expect(
            checkError(#"host.port + "1" == 23"#)?.message
                == "'+' cannot combine an int with a string")
    }

    @Test("Checked expressions have the schema's types")
    func inferredTypes() throws {
        #expect(try Expression("host.sshd.ciphers").type == .list(.string))
        #expect(try Expression("host.antivirus.size()").type == .int)
        #expect(try Expression("host.interfaces[0].addresses").type == .list(.string))
        #expect(try Expression("-host.port").type == .int)
        #expect(try Expression("host.sshd == null").type == .bool)
    }
}
