#include "model/pattern_expression.h"

#include <algorithm>
#include <regex>
#include <set>

#include "expressions/expression_context.h"
#include "model/sample_value_generator.h"
#include "values/attribute_json.h"

namespace shardscape {

namespace {

// The value a placeholder stands for, in DynamoDB JSON.
Json placeholderValue(const AccessPattern& pattern, const std::string& placeholder) {
    auto it = pattern.values.find(placeholder);
    if (it == pattern.values.end() || it->is_null())
        return {{"S", placeholder.substr(1)}};  // no template given: any string
    if (it->is_number()) return {{"N", it->dump()}};
    if (it->is_boolean()) return {{"BOOL", it->get<bool>()}};
    if (it->is_string() && !it->get<std::string>().empty()) return {{"S", it->get<std::string>()}};
    return {{"S", placeholder.substr(1)}};
}

Status flattenKeyCondition(const Condition& node, std::vector<KeyTerm>& out) {
    if (node.kind == Condition::Kind::And) {
        for (const auto& child : node.children) SHARDSCAPE_TRY(flattenKeyCondition(child, out));
        return {};
    }
    KeyTerm term;
    int named = 0;
    for (const auto& operand : node.operands) {
        if (operand.kind == Operand::Kind::Path) {
            ++named;
            term.attribute = operand.path[0].name;
        } else if (operand.kind == Operand::Kind::Value && term.valueTemplate.empty()) {
            term.valueTemplate = templateText(operand.value);
        }
    }
    if (named != 1)
        return validationError("Invalid condition in KeyConditionExpression: " +
                               std::string(named == 0
                                               ? "No key attribute specified"
                                               : "Multiple attribute names used in one condition"));
    if (node.kind == Condition::Kind::Function)
        term.kind = KeyTerm::Kind::BeginsWith;
    else if (node.kind == Condition::Kind::Compare &&
             node.comparator == Condition::Comparator::Equal)
        term.kind = KeyTerm::Kind::Equal;
    else
        term.kind = KeyTerm::Kind::Range;
    out.push_back(std::move(term));
    return {};
}

void collectEqualities(const Condition& node, std::vector<std::string>& out) {
    if (node.kind == Condition::Kind::And || node.kind == Condition::Kind::Or) {
        for (const auto& child : node.children) collectEqualities(child, out);
        return;
    }
    if (node.kind != Condition::Kind::Compare || node.comparator != Condition::Comparator::Equal)
        return;
    for (const auto& operand : node.operands)
        if (operand.kind == Operand::Kind::Path && operand.path.size() == 1)
            out.push_back(operand.path[0].name);
}

}  // namespace

Result<PatternExpressions> readPatternExpressions(const AccessPattern& pattern) {
    static const std::regex placeholderPattern(":[A-Za-z0-9_]+");
    std::set<std::string> placeholders;
    for (const std::string* text : {&pattern.keyCondition, &pattern.filter})
        for (std::sregex_iterator it(text->begin(), text->end(), placeholderPattern), end;
             it != end; ++it)
            placeholders.insert(it->str());
    Json values = Json::object();
    for (const auto& p : placeholders) values[p] = placeholderValue(pattern, p);
    const Json names = Json(pattern.names);
    const bool any = !pattern.keyCondition.empty() || !pattern.filter.empty();
    auto context = ExpressionContext::fromRequest(names.empty() ? nullptr : &names,
                                                  values.empty() ? nullptr : &values, any);
    if (!context) return context.error();

    PatternExpressions result;
    if (!pattern.keyCondition.empty()) {
        auto tree =
            parseConditionExpression(ExpressionKind::KeyCondition, pattern.keyCondition, *context);
        if (!tree) return tree.error();
        SHARDSCAPE_TRY(flattenKeyCondition(*tree, result.keyTerms));
    }
    if (!pattern.filter.empty()) {
        auto tree = parseConditionExpression(ExpressionKind::Filter, pattern.filter, *context);
        if (!tree) return tree.error();
        result.filter = std::move(tree).value();
    }
    SHARDSCAPE_TRY(context->checkAllUsed());
    return result;
}

std::vector<std::string> filterEqualityAttributes(const Condition& filter) {
    std::vector<std::string> out;
    collectEqualities(filter, out);
    return out;
}

std::vector<std::string> unprojectedAttributes(const ModelTable& table, const ModelIndex& index,
                                               const AccessPattern& pattern) {
    std::vector<std::string> missing;
    if (index.projection.type == "ALL") return missing;
    const auto& included = index.projection.nonKeyAttributes;
    auto check = [&](const std::string& attribute) {
        if (table.isKeyAttributeOfTable(attribute) || attribute == index.partitionKey ||
            (index.sortKey && attribute == *index.sortKey))
            return;
        if (index.projection.type == "INCLUDE" &&
            std::find(included.begin(), included.end(), attribute) != included.end())
            return;
        if (std::find(missing.begin(), missing.end(), attribute) == missing.end())
            missing.push_back(attribute);
    };
    for (const auto& attribute : pattern.projection) check(attribute);
    if (!pattern.filter.empty())
        if (auto expressions = readPatternExpressions(pattern); expressions && expressions->filter)
            for (const auto& path : conditionPaths(*expressions->filter)) check(path[0].name);
    return missing;
}

}  // namespace shardscape
