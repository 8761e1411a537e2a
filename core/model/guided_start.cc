#include "model/guided_start.h"

#include <cctype>

#include "model/key_condition_form.h"
#include "model/model_design_edit.h"
#include "model/model_edit.h"

namespace shardscape {

namespace {
std::string capitals(const std::string& name) {
    std::string out;
    for (char c : name)
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    return out;
}
}  // namespace

Result<Model> guidedStartTable(const Model& model, const GuidedStart& start) {
    auto table = addTable(model, start.table, "PK");
    if (!table) return table;
    return setKeyAttribute(*table, start.table, {}, KeyRole::Sort, "SK", "S");
}

Result<Model> guidedStartEntity(const Model& model, const GuidedStart& start) {
    if (start.idAttribute.empty())
        return validationError("Name the attribute that identifies one " + start.entity);
    EntityType e;
    e.name = start.entity;
    e.table = start.table;
    ModelAttribute id;
    id.name = start.idAttribute;
    id.generator = {{"kind", "uuid"}};
    e.attributes.push_back(std::move(id));
    std::string partition = capitals(start.entity);
    partition.append("#{").append(start.idAttribute).append("}");
    e.keyTemplates = {{"PK", partition}, {"SK", capitals(start.entity)}};
    return putEntityType(model, {}, std::move(e));
}

Result<Model> guidedStartPattern(const Model& model, const GuidedStart& start) {
    const EntityType* e = model.findEntity(start.entity);
    if (!e) return validationError("No entity type named '" + start.entity + "' in the model");
    AccessPattern p;
    p.name = "get";
    p.name.append(start.entity);
    p.description = "Read one ";
    p.description.append(start.entity).append(" by its ").append(start.idAttribute);
    p.operation = "GetItem";
    p.table = start.table;
    p.entity = start.entity;
    p.ratePerSecond = start.ratePerSecond;
    KeyConditionForm key;
    key.partitionKey = "PK";
    key.partitionValue = e->keyTemplate("PK") ? *e->keyTemplate("PK") : std::string();
    key.sortKey = "SK";
    key.sort = SortCondition::Equal;
    key.sortValue = e->keyTemplate("SK") ? *e->keyTemplate("SK") : std::string();
    auto composed = composePattern(std::move(p), key, {}, {});
    if (!composed) return composed.error();
    return putAccessPattern(model, {}, std::move(composed).value());
}

}  // namespace shardscape
