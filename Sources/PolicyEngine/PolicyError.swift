public import InventoryModel

/// A mistake in a policy, waiver, test or SCA file, located by file, line and column.
public typealias PolicyError = SourceError

/// "Did you mean …?" hints, shared with the inventory loader.
typealias Suggestion = NameSuggestion
