// TagResource, UntagResource and ListTagsOfResource on table ARNs
// (arn:aws:dynamodb:<region>:<account>:table/<name>, as DescribeTable's TableArn).
#include "api/operations.h"
#include "api/request_reader.h"
#include "api/tag_rules.h"

namespace shardscape {

namespace {

// The table an ARN names, after DynamoDB's checks of its form: the name is whatever follows
// ":table/" (any region and 12-digit account reach this engine's tables).
struct ResourceArn {
    std::string arn;
    std::string tableName;
};

// A missing ARN, and one that is not an ARN at all.
Status checkArnPresent(const std::optional<std::string>& arn) {
    if (!arn) return validationError("Invalid TableArn");
    if (!arn->starts_with("arn:"))
        return validationError(
            "One or more parameter values were invalid: ARNs must start with 'arn:': " + *arn);
    return {};
}

bool isDigits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

// arn:aws:dynamodb:<region>:<account digits>:table/<name of 3 or more characters, no '/'>.
Result<ResourceArn> parseTableArn(const std::string& arn) {
    const auto invalid = [&] {
        return validationError("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    };
    constexpr std::string_view prefix = "arn:aws:dynamodb:";
    constexpr std::string_view table = ":table/";
    if (!arn.starts_with(prefix)) return invalid();
    const size_t slash = arn.rfind('/');
    if (slash == std::string::npos || slash + 1 < table.size()) return invalid();
    const size_t tableAt = slash + 1 - table.size();
    if (tableAt < prefix.size() || arn.compare(tableAt, table.size(), table) != 0) return invalid();
    const std::string name = arn.substr(slash + 1);
    // <region>:<account>, the region at least one character.
    const std::string_view middle(arn.data() + prefix.size(), tableAt - prefix.size());
    const size_t colon = middle.rfind(':');
    if (name.size() < 3 || colon == std::string_view::npos || colon == 0 ||
        !isDigits(middle.substr(colon + 1)))
        return invalid();
    return ResourceArn{arn, name};
}

Error resourceNotFound(const std::string& arn) {
    return Error{ErrorType::ResourceNotFound,
                 "Requested resource not found: ResourceArn: " + arn + " not found"};
}

// The tagging backend knows a table once it is ACTIVE (an UPDATING table included) and
// forgets it as soon as it is deleted.
Status requireTaggable(Engine& engine, const ResourceArn& resource) {
    auto status = engine.tableStatus(resource.tableName);
    if (!status || *status == TableStatus::Creating || *status == TableStatus::Deleting)
        return resourceNotFound(resource.arn);
    return {};
}

}  // namespace

Result<Json> tagResourceOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto arn = reader.string("ResourceArn");
    auto tags = readTagList(reader, "Tags");
    SHARDSCAPE_TRY(reader.finish());
    SHARDSCAPE_TRY(checkArnPresent(arn));
    if (!tags)
        return validationError(
            "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
            "Member must not be null");
    auto resource = parseTableArn(*arn);
    if (!resource) return resource.error();
    if (tags->empty()) return validationError("Atleast one Tag needs to be provided as Input.");
    auto byKey = checkTags(*tags);
    if (!byKey) return byKey.error();
    if (byKey->size() > kMaxTagsPerTable) return tooManyTags();
    SHARDSCAPE_TRY(requireTaggable(engine, *resource));
    auto updated = engine.updateTable(resource->tableName, [&](TableDefinition& t) -> Status {
        std::map<std::string, std::string> merged = t.tags;
        for (const auto& [key, value] : *byKey) merged[key] = value;
        if (merged.size() > kMaxTagsPerTable) return tooManyTags();
        t.tags = std::move(merged);
        return {};
    });
    if (!updated) {
        if (updated.error().type == ErrorType::ResourceNotFound) return resourceNotFound(*arn);
        return updated.error();
    }
    return Json::object();
}

Result<Json> untagResourceOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto arn = reader.string("ResourceArn");
    const Json* list = reader.array("TagKeys");
    std::vector<std::optional<std::string>> keys;
    if (list)
        for (const Json& element : *list) {
            const Json holder = {{"TagKey", element}};
            keys.push_back(reader.stringIn(&holder, "TagKey"));
        }
    SHARDSCAPE_TRY(reader.finish());
    SHARDSCAPE_TRY(checkArnPresent(arn));
    if (!list)
        return validationError(
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
            "Member must not be null");
    auto resource = parseTableArn(*arn);
    if (!resource) return resource.error();
    if (keys.empty()) return validationError("Atleast one Tag Key needs to be provided as Input.");
    for (const auto& key : keys) SHARDSCAPE_TRY(checkTagKey(key));
    if (keys.size() > kMaxTagsPerTable) return tooManyTags();
    SHARDSCAPE_TRY(requireTaggable(engine, *resource));
    // Removing a key the table does not have is no error.
    auto updated = engine.updateTable(resource->tableName, [&](TableDefinition& t) -> Status {
        for (const auto& key : keys) t.tags.erase(*key);
        return {};
    });
    if (!updated) {
        if (updated.error().type == ErrorType::ResourceNotFound) return resourceNotFound(*arn);
        return updated.error();
    }
    return Json::object();
}

Result<Json> listTagsOfResourceOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto arn = reader.string("ResourceArn");
    // A table has at most 50 tags, all on the first page: DynamoDB returns no NextToken and
    // ignores one it is given.
    (void)reader.string("NextToken");
    SHARDSCAPE_TRY(reader.finish());
    SHARDSCAPE_TRY(checkArnPresent(arn));
    auto resource = parseTableArn(*arn);
    if (!resource) return resource.error();
    SHARDSCAPE_TRY(requireTaggable(engine, *resource));
    auto described = engine.describeTable(resource->tableName);
    if (!described) return resourceNotFound(*arn);
    Json tags = Json::array();
    for (const auto& [key, value] : described->first.tags)
        tags.push_back({{"Key", key}, {"Value", value}});
    return Json{{"Tags", std::move(tags)}};
}

}  // namespace shardscape
