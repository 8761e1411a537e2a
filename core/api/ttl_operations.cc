// UpdateTimeToLive and DescribeTimeToLive.
#include "api/operations.h"
#include "api/request_reader.h"

namespace shardscape {

Result<Json> updateTimeToLiveOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    const Json* specification = reader.object("TimeToLiveSpecification");
    std::optional<std::string> attribute;
    std::optional<bool> enabled;
    if (specification) {
        attribute = reader.stringIn(specification, "AttributeName");
        auto it = specification->find("Enabled");
        if (it != specification->end() && it->is_boolean()) enabled = it->get<bool>();
    }
    reader.tableName(name);
    reader.notNull(specification != nullptr, "timeToLiveSpecification");
    if (specification) {
        reader.notNull(attribute.has_value(), "timeToLiveSpecification.attributeName");
        reader.lengthBetween(attribute, "timeToLiveSpecification.attributeName", 1, 255);
        reader.notNull(enabled.has_value(), "timeToLiveSpecification.enabled");
    }
    SHARDSCAPE_TRY(reader.finish());
    // DynamoDB's Time to Live backend does not know a table before it is ACTIVE.
    if (engine.tableStatus(*name) == TableStatus::Creating)
        return Error{ErrorType::ResourceNotFound,
                     "Requested resource not found: Table: " + *name + " not found"};
    auto updated = engine.updateTable(*name, [&](TableDefinition& t) -> Status {
        if (*enabled) {
            if (t.timeToLiveAttribute && *t.timeToLiveAttribute != *attribute)
                return validationError(
                    "TimeToLive is active on a different AttributeName: current AttributeName "
                    "is " +
                    *t.timeToLiveAttribute);
            if (t.timeToLiveAttribute) return validationError("TimeToLive is already enabled");
            t.timeToLiveAttribute = *attribute;
        } else {
            if (!t.timeToLiveAttribute) return validationError("TimeToLive is already disabled");
            if (*t.timeToLiveAttribute != *attribute)
                return validationError(
                    "TimeToLive is active on a different AttributeName: current AttributeName "
                    "is " +
                    *t.timeToLiveAttribute);
            t.timeToLiveAttribute.reset();
        }
        return {};
    });
    if (!updated) return updated.error();
    return Json{
        {"TimeToLiveSpecification", {{"AttributeName", *attribute}, {"Enabled", *enabled}}}};
}

Result<Json> describeTimeToLiveOperation(Engine& engine, const Json& request) {
    RequestReader reader(request);
    auto name = reader.string("TableName");
    reader.tableName(name);
    SHARDSCAPE_TRY(reader.finish());
    auto described = engine.describeTable(*name);
    if (!described) return described.error();
    const TableStatus status = described->first.status;
    if (status == TableStatus::Creating || status == TableStatus::Deleting) {
        const std::string state = tableStatusName(status);
        return validationError("Cannot describe time to live while table is in " + state +
                               " state: Current table state is " + state);
    }
    const auto& ttl = described->first.timeToLiveAttribute;
    Json description = {{"TimeToLiveStatus", ttl ? "ENABLED" : "DISABLED"}};
    if (ttl) description["AttributeName"] = *ttl;
    return Json{{"TimeToLiveDescription", std::move(description)}};
}

}  // namespace shardscape
