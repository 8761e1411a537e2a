#pragma once
// DynamoDB's rules for tags, shared by TagResource, UntagResource and CreateTable's Tags:
// a key of 1 to 128 characters and a value of 0 to 256, both of letters, digits, white space
// and + - = . _ : / @ only; no key starting with "aws:" (any case); at most 50 tags on a table.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/request_reader.h"

namespace shardscape {

constexpr size_t kMaxTagsPerTable = 50;

struct TagInput {
    std::optional<std::string> key;
    std::optional<std::string> value;
};

// Reads a list of Tag structures (`member` of the request): wrong JSON types are reported
// through `reader` as DynamoDB's SerializationExceptions. nullopt when the member is absent.
std::optional<std::vector<TagInput>> readTagList(RequestReader& reader, const char* member);

// The checks DynamoDB makes of each tag ("The Tag Key provided is invalid, Key: k", "Tag Key
// cannot be prefixed with aws:, Key: aws:k", "The Tag Value provided is invalid, Value: v"),
// then of duplicate keys. Returns the tags by key.
Result<std::map<std::string, std::string>> checkTags(const std::vector<TagInput>& tags);

// The check of one key of UntagResource (invalid, or prefixed with aws:).
Status checkTagKey(const std::optional<std::string>& key);

// "Number of Tags exceed the current limit for the provided ResourceArn".
Error tooManyTags();

}  // namespace shardscape
