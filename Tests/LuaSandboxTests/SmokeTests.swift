import Testing
@testable import LuaSandbox

@Test func smoke() throws {
    let sb = try LuaSandbox()
    try sb.runTrusted(source: "return { add = function(a, b) return a + b end }", name: "=t", as: "t")
    let r = try sb.call("t", "add", [1, 2])
    #expect(r == [.integer(3)])
}
