#include "expressions/expression_evaluator.h"

#include <algorithm>
#include <optional>
#include <set>

#include "values/number.h"

namespace shardscape {

namespace {

// An operand's value: borrowed from the item or the expression, or computed (size()).
struct Resolved {
    const AttributeValue* borrowed = nullptr;
    std::optional<AttributeValue> owned;
    const AttributeValue* get() const { return owned ? &*owned : borrowed; }
};

size_t utf16Length(const std::string& text) {
    size_t units = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;  // continuation byte
        units += c >= 0xF0 ? 2 : 1;        // outside the BMP: a surrogate pair
    }
    return units;
}

std::optional<size_t> sizeOf(const AttributeValue& v) {
    switch (v.type()) {
        case ValueType::S:
            return utf16Length(v.scalar());
        case ValueType::B:
            return v.scalar().size();
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS:
            return v.setMembers().size();
        case ValueType::L:
            return v.listElements().size();
        case ValueType::M:
            return v.mapMembers().size();
        default:
            return std::nullopt;
    }
}

Resolved resolve(const Operand& operand, const Item& item) {
    Resolved r;
    switch (operand.kind) {
        case Operand::Kind::Value:
            r.borrowed = &operand.value;
            break;
        case Operand::Kind::Path:
            r.borrowed = findAtPath(item, operand.path);
            break;
        case Operand::Kind::Size: {
            const AttributeValue* target = findAtPath(item, operand.path);
            if (target)
                if (auto size = sizeOf(*target))
                    r.owned = AttributeValue::number(std::to_string(*size));
            break;
        }
        default:
            break;  // update-only operands never reach conditions
    }
    return r;
}

// <0, 0, >0, or nullopt when the two cannot be ordered.
std::optional<int> order(const AttributeValue& a, const AttributeValue& b) {
    if (a.type() != b.type()) return std::nullopt;
    if (a.type() == ValueType::N)
        return Number::parse(a.scalar())->compare(*Number::parse(b.scalar()));
    if (a.type() == ValueType::S || a.type() == ValueType::B) {
        const int c = a.scalar().compare(b.scalar());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

bool contains(const AttributeValue& haystack, const AttributeValue& needle) {
    switch (haystack.type()) {
        case ValueType::S:
        case ValueType::B:
            return needle.type() == haystack.type() &&
                   haystack.scalar().find(needle.scalar()) != std::string::npos;
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            const ValueType member = haystack.type() == ValueType::SS   ? ValueType::S
                                     : haystack.type() == ValueType::NS ? ValueType::N
                                                                        : ValueType::B;
            if (needle.type() != member) return false;
            const auto& m = haystack.setMembers();
            return std::find(m.begin(), m.end(), needle.scalar()) != m.end();
        }
        case ValueType::L: {
            const auto& elements = haystack.listElements();
            return std::find(elements.begin(), elements.end(), needle) != elements.end();
        }
        default:
            return false;
    }
}

}  // namespace

bool evaluateCondition(const Condition& c, const Item& item) {
    using K = Condition::Kind;
    switch (c.kind) {
        case K::And:
            return evaluateCondition(c.children[0], item) && evaluateCondition(c.children[1], item);
        case K::Or:
            return evaluateCondition(c.children[0], item) || evaluateCondition(c.children[1], item);
        case K::Not:
            return !evaluateCondition(c.children[0], item);
        case K::Compare: {
            const Resolved left = resolve(c.operands[0], item),
                           right = resolve(c.operands[1], item);
            const AttributeValue *a = left.get(), *b = right.get();
            using C = Condition::Comparator;
            if (c.comparator == C::NotEqual) return !a || !b || !(*a == *b);
            if (!a || !b) return false;
            if (c.comparator == C::Equal) return *a == *b;
            auto o = order(*a, *b);
            if (!o) return false;
            switch (c.comparator) {
                case C::Less:
                    return *o < 0;
                case C::LessOrEqual:
                    return *o <= 0;
                case C::Greater:
                    return *o > 0;
                case C::GreaterOrEqual:
                    return *o >= 0;
                default:
                    return false;
            }
        }
        case K::Between: {
            const Resolved v = resolve(c.operands[0], item), lo = resolve(c.operands[1], item),
                           hi = resolve(c.operands[2], item);
            if (!v.get() || !lo.get() || !hi.get()) return false;
            auto low = order(*v.get(), *lo.get()), high = order(*v.get(), *hi.get());
            return low && high && *low >= 0 && *high <= 0;
        }
        case K::In: {
            const Resolved v = resolve(c.operands[0], item);
            if (!v.get()) return false;
            for (size_t i = 1; i < c.operands.size(); ++i) {
                const Resolved candidate = resolve(c.operands[i], item);
                if (candidate.get() && *candidate.get() == *v.get()) return true;
            }
            return false;
        }
        case K::Function: {
            using F = Condition::Function;
            const Resolved first = resolve(c.operands[0], item);
            switch (c.function) {
                case F::AttributeExists:
                    return first.get() != nullptr;
                case F::AttributeNotExists:
                    return first.get() == nullptr;
                case F::AttributeType:
                    return first.get() &&
                           valueTypeName(first.get()->type()) == c.operands[1].value.scalar();
                case F::BeginsWith: {
                    const Resolved prefix = resolve(c.operands[1], item);
                    const AttributeValue *a = first.get(), *p = prefix.get();
                    return a && p && a->type() == p->type() &&
                           (a->type() == ValueType::S || a->type() == ValueType::B) &&
                           a->scalar().starts_with(p->scalar());
                }
                case F::Contains: {
                    const Resolved needle = resolve(c.operands[1], item);
                    return first.get() && needle.get() && contains(*first.get(), *needle.get());
                }
            }
        }
    }
    return false;
}

namespace {

Error invalidForUpdate() {
    return validationError(
        "The document path provided in the update expression is invalid for update");
}
Error wrongType() {
    return validationError("An operand in the update expression has an incorrect data type");
}

// Computes a SET value against the original item.
Result<AttributeValue> computeValue(const Operand& operand, const Item& original) {
    switch (operand.kind) {
        case Operand::Kind::Value:
            return operand.value;
        case Operand::Kind::Path: {
            const AttributeValue* v = findAtPath(original, operand.path);
            if (!v)
                return validationError(
                    "The provided expression refers to an attribute that does not exist in the "
                    "item");
            return *v;
        }
        case Operand::Kind::IfNotExists: {
            if (const AttributeValue* v = findAtPath(original, operand.args[0].path)) return *v;
            return computeValue(operand.args[1], original);
        }
        case Operand::Kind::ListAppend: {
            auto a = computeValue(operand.args[0], original);
            if (!a) return a;
            auto b = computeValue(operand.args[1], original);
            if (!b) return b;
            if (a->type() != ValueType::L || b->type() != ValueType::L) return wrongType();
            std::vector<AttributeValue> joined = a->listElements();
            joined.insert(joined.end(), b->listElements().begin(), b->listElements().end());
            return AttributeValue::list(std::move(joined));
        }
        case Operand::Kind::Plus:
        case Operand::Kind::Minus: {
            auto a = computeValue(operand.args[0], original);
            if (!a) return a;
            auto b = computeValue(operand.args[1], original);
            if (!b) return b;
            if (a->type() != ValueType::N || b->type() != ValueType::N) return wrongType();
            const Number x = *Number::parse(a->scalar()), y = *Number::parse(b->scalar());
            auto result =
                operand.kind == Operand::Kind::Plus ? Number::add(x, y) : Number::subtract(x, y);
            if (!result) return result.error();
            return AttributeValue::number(result->toString());
        }
        case Operand::Kind::Size:
            break;
    }
    return wrongType();
}

// The container that holds the last step of `path`, or nullptr if it does not exist.
AttributeValue* parentOf(Item& item, const DocumentPath& path) {
    auto top = item.find(path[0].name);
    if (top == item.end()) return nullptr;
    AttributeValue* current = &top->second;
    for (size_t i = 1; i + 1 < path.size() && current; ++i) current = childAt(*current, path[i]);
    return current;
}

Status setAt(Item& item, const DocumentPath& path, AttributeValue value) {
    if (path.size() == 1) {
        item[path[0].name] = std::move(value);
        return {};
    }
    AttributeValue* parent = parentOf(item, path);
    if (!parent) return invalidForUpdate();
    const PathElement& last = path.back();
    if (last.isIndex) {
        if (parent->type() != ValueType::L) return invalidForUpdate();
        auto& elements = parent->mutableListElements();
        // An index past the end appends, as in DynamoDB.
        if (last.index >= elements.size())
            elements.push_back(std::move(value));
        else
            elements[last.index] = std::move(value);
    } else {
        if (parent->type() != ValueType::M) return invalidForUpdate();
        parent->mutableMapMembers()[last.name] = std::move(value);
    }
    return {};
}

AttributeValue* mutableAt(Item& item, const DocumentPath& path) {
    if (path.size() == 1) {
        auto it = item.find(path[0].name);
        return it == item.end() ? nullptr : &it->second;
    }
    AttributeValue* parent = parentOf(item, path);
    return parent ? childAt(*parent, path.back()) : nullptr;
}

void removeAt(Item& item, const DocumentPath& path) {
    if (path.size() == 1) {
        item.erase(path[0].name);
        return;
    }
    AttributeValue* parent = parentOf(item, path);
    if (!parent) return;
    const PathElement& last = path.back();
    if (last.isIndex && parent->type() == ValueType::L) {
        auto& elements = parent->mutableListElements();
        if (last.index < elements.size())
            elements.erase(elements.begin() + static_cast<long>(last.index));
    } else if (!last.isIndex && parent->type() == ValueType::M) {
        parent->mutableMapMembers().erase(last.name);
    }
}

}  // namespace

Result<Item> applyUpdateActions(const std::vector<UpdateAction>& actions, const Item& original) {
    Item item = original;
    // Values first, from the original item; then the changes.
    std::vector<std::optional<AttributeValue>> values(actions.size());
    for (size_t i = 0; i < actions.size(); ++i) {
        if (actions[i].kind != UpdateAction::Kind::Set) continue;
        auto value = computeValue(actions[i].value, original);
        if (!value) return value.error();
        values[i] = std::move(value).value();
    }
    // REMOVE of list elements uses the original indexes: remove the highest first.
    std::vector<size_t> removals;
    for (size_t i = 0; i < actions.size(); ++i) {
        const UpdateAction& a = actions[i];
        switch (a.kind) {
            case UpdateAction::Kind::Set:
                SHARDSCAPE_TRY(setAt(item, a.path, std::move(*values[i])));
                break;
            case UpdateAction::Kind::Remove:
                if (a.path.size() > 1 && !parentOf(item, a.path)) return invalidForUpdate();
                removals.push_back(i);
                break;
            case UpdateAction::Kind::Add: {
                const AttributeValue& operand = a.value.value;
                AttributeValue* current = mutableAt(item, a.path);
                if (!current) {
                    SHARDSCAPE_TRY(setAt(item, a.path, operand));
                } else if (operand.type() == ValueType::N) {
                    if (current->type() != ValueType::N) return wrongType();
                    auto sum = Number::add(*Number::parse(current->scalar()),
                                           *Number::parse(operand.scalar()));
                    if (!sum) return sum.error();
                    *current = AttributeValue::number(sum->toString());
                } else {
                    if (current->type() != operand.type()) return wrongType();
                    auto& members = current->mutableSetMembers();
                    for (const auto& m : operand.setMembers())
                        if (std::find(members.begin(), members.end(), m) == members.end())
                            members.push_back(m);
                }
                break;
            }
            case UpdateAction::Kind::Delete: {
                const AttributeValue& operand = a.value.value;
                AttributeValue* current = mutableAt(item, a.path);
                if (!current) break;
                if (current->type() != operand.type()) return wrongType();
                auto& members = current->mutableSetMembers();
                for (const auto& m : operand.setMembers())
                    members.erase(std::remove(members.begin(), members.end(), m), members.end());
                if (members.empty()) removeAt(item, a.path);
                break;
            }
        }
    }
    std::stable_sort(removals.begin(), removals.end(), [&](size_t x, size_t y) {
        const auto& px = actions[x].path;
        const auto& py = actions[y].path;
        return px.back().isIndex && py.back().isIndex && px.back().index > py.back().index;
    });
    for (size_t i : removals) removeAt(item, actions[i].path);
    return item;
}

namespace {
// Copies the value at path[depth..] from `source` into `target`, creating containers.
// `listSlots` maps, per projected list (named by its path), original index -> position.
void copyPath(const AttributeValue& source, AttributeValue& target, const DocumentPath& path,
              size_t depth, std::map<std::string, std::map<size_t, size_t>>& listSlots) {
    if (depth == path.size()) {
        target = source;
        return;
    }
    const PathElement& step = path[depth];
    if (step.isIndex) {
        if (source.type() != ValueType::L || step.index >= source.listElements().size()) return;
        if (target.type() != ValueType::L) target = AttributeValue::list({});
        // Projected list elements keep their relative order, compacted.
        auto& slots = listSlots[pathForMessage(
            DocumentPath(path.begin(), path.begin() + static_cast<long>(depth)))];
        auto slot = slots.find(step.index);
        auto& elements = target.mutableListElements();
        if (slot == slots.end()) {
            size_t position = 0;
            for (const auto& [index, at] : slots)
                if (index < step.index) position = std::max(position, at + 1);
            for (auto& [index, at] : slots)
                if (at >= position) ++at;
            elements.insert(elements.begin() + static_cast<long>(position), AttributeValue());
            slot = slots.emplace(step.index, position).first;
        }
        copyPath(source.listElements()[step.index], elements[slot->second], path, depth + 1,
                 listSlots);
    } else {
        if (source.type() != ValueType::M) return;
        auto member = source.mapMembers().find(step.name);
        if (member == source.mapMembers().end()) return;
        if (target.type() != ValueType::M) target = AttributeValue::map({});
        copyPath(member->second, target.mutableMapMembers()[step.name], path, depth + 1, listSlots);
    }
}

}  // namespace

Item projectItem(const Item& item, const std::vector<DocumentPath>& paths) {
    Item out;
    std::map<std::string, std::map<size_t, size_t>> listSlots;
    for (const auto& path : paths) {
        auto top = item.find(path[0].name);
        if (top == item.end()) continue;
        if (path.size() > 1 && !findAtPath(item, path)) continue;
        auto [slot, inserted] = out.try_emplace(path[0].name);
        if (inserted && path.size() > 1)
            slot->second = top->second.type() == ValueType::L ? AttributeValue::list({})
                                                              : AttributeValue::map({});
        copyPath(top->second, slot->second, path, 1, listSlots);
    }
    return out;
}

}  // namespace shardscape
