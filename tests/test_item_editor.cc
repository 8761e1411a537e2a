// The item editor driven offscreen through the Data view: creating an item in the form,
// form <-> DynamoDB JSON sync, inline validation errors in DynamoDB's words, the
// "item exists" confirmation, editing by double-click, and deleting with confirmation.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "backend/local_backend.h"
#include "classroom/item_form.h"
#include "data_view.h"
#include "gui_test_support.h"
#include "item_editor.h"
#include "item_table_model.h"
#include "table_list_model.h"

using namespace shardscape;
using namespace shardscape::testing;

class ItemEditorTest : public QObject {
    Q_OBJECT
  private slots:
    void formRowsRoundTrip();
    void createsAnItemThroughTheForm();
    void formAndJsonStayInSync();
    void showsValidationErrorsInline();
    void asksBeforeReplacingAnExistingItem();
    void editsByDoubleClick();
    void deletesAfterConfirming();
};

namespace {

QToolButton* buttonFor(QWidget* parent, QAction* action) {
    for (auto* button : parent->findChildren<QToolButton*>())
        if (button->defaultAction() == action) return button;
    return nullptr;
}

// Types `text` into the form's cell as a user does: edit, type, Enter.
void typeIntoCell(QTableWidget* form, int row, int column, const QString& text) {
    form->setCurrentCell(row, column);
    form->editItem(form->item(row, column));
    auto* editor = qobject_cast<QLineEdit*>(form->indexWidget(form->model()->index(row, column)));
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits the typed text on the next turn of the event loop.
    QTRY_COMPARE(form->item(row, column)->text(), text);
}

ItemEditor* openNewItem(DataView& view) {
    QToolButton* button = buttonFor(&view, view.newItemAction());
    if (!button) return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    return view.itemEditor();
}

}  // namespace

void ItemEditorTest::formRowsRoundTrip() {
    auto item = itemFromJson(Json::parse(
        R"J({"id":{"S":"a"},"n":{"N":"1.5"},"b":{"B":"AAE="},"t":{"BOOL":true},"z":{"NULL":true},
             "l":{"L":[{"S":"x"}]},"m":{"M":{"k":{"N":"2"}}},"ss":{"SS":["p","q"]},
             "ns":{"NS":["1","2"]},"bs":{"BS":["AA=="]}})J"));
    QVERIFY(item.ok());
    const auto rows = itemFormRows(*item);
    QCOMPARE(rows.size(), size_t(10));
    const auto back = itemFromFormRows(rows);
    QVERIFY(back.item);
    QVERIFY(*back.item == *item);
    // NS members may be typed as JSON numbers; a bad number gets the codec's message.
    auto ns = itemFormValue("NS", "[1, 2.50]");
    QVERIFY(ns.ok());
    QCOMPARE(ns->setMembers().size(), size_t(2));
    QVERIFY(!itemFormValue("BOOL", "yes").ok());
    QVERIFY(!itemFormValue("M", "{not json").ok());
}

void ItemEditorTest::createsAnItemThroughTheForm() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ItemEditor* editor = openNewItem(view);
    QVERIFY(editor);
    QVERIFY(editor->isVisible());
    QVERIFY(editor->isNewItem());
    QTableWidget* form = editor->form();
    // The key attributes are there, required and marked; nothing can be saved yet.
    QCOMPARE(form->rowCount(), 2);
    QCOMPARE(form->item(0, 0)->text(), QString("customer"));
    QCOMPARE(form->verticalHeaderItem(0)->text(), QString("PK"));
    QCOMPARE(form->verticalHeaderItem(1)->text(), QString("SK"));
    QVERIFY(!(form->item(0, 0)->flags() & Qt::ItemIsEditable));
    QVERIFY(!editor->saveButton()->isEnabled());
    QVERIFY(!editor->errorLabel()->text().isEmpty());

    typeIntoCell(form, 0, 2, "c1");
    typeIntoCell(form, 1, 2, "7");
    QVERIFY2(editor->saveButton()->isEnabled(), qPrintable(editor->errorLabel()->text()));
    QTest::mouseClick(editor->addButton(), Qt::LeftButton);
    QCOMPARE(form->rowCount(), 3);
    // The add button starts editing the new name cell.
    QWidget* nameEditor = form->indexWidget(form->model()->index(2, 0));
    QVERIFY(qobject_cast<QLineEdit*>(nameEditor));
    QTest::keyClicks(nameEditor, "total");
    QTest::keyClick(nameEditor, Qt::Key_Return);
    QTRY_COMPARE(form->item(2, 0)->text(), QString("total"));
    auto* type = qobject_cast<QComboBox*>(form->cellWidget(2, 1));
    QVERIFY(type);
    type->setCurrentText("N");
    typeIntoCell(form, 2, 2, "12.50");
    QVERIFY2(editor->saveButton()->isEnabled(), qPrintable(editor->errorLabel()->text()));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!view.itemEditor());  // closed and deleted

    auto stored =
        getItem(*engine, "Orders", Json::parse(R"({"customer":{"S":"c1"},"order":{"N":"7"}})"));
    QVERIFY(stored);
    QCOMPARE(stored->at("total").scalar(), std::string("12.5"));
    // The browser shows the new item.
    QCOMPARE(view.itemModel()->rowCount(), 1);
    QCOMPARE(view.itemModel()->index(0, 0).data().toString(), QString("c1"));
}

void ItemEditorTest::formAndJsonStayInSync() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ItemEditor* editor = openNewItem(view);
    QVERIFY(editor);
    editor->setFormRow(0, "customer", "S", "c9");
    editor->setFormRow(1, "order", "N", "3");
    editor->addAttribute("tags", "SS", R"(["a","b"])");
    // Form -> JSON.
    QTest::mouseClick(editor->tabs()->tabBar(), Qt::LeftButton, {},
                      editor->tabs()->tabBar()->tabRect(1).center());
    QCOMPARE(editor->tabs()->currentIndex(), 1);
    const Json shown = Json::parse(editor->jsonEdit()->toPlainText().toStdString());
    QCOMPARE(shown,
             Json::parse(R"({"customer":{"S":"c9"},"order":{"N":"3"},"tags":{"SS":["a","b"]}})"));
    // JSON -> form: an attribute added in the text appears as a row.
    editor->jsonEdit()->setPlainText(
        R"({"customer":{"S":"c9"},"order":{"N":"3"},"note":{"M":{"by":{"S":"me"}}}})");
    QVERIFY(editor->saveButton()->isEnabled());
    QTest::mouseClick(editor->tabs()->tabBar(), Qt::LeftButton, {},
                      editor->tabs()->tabBar()->tabRect(0).center());
    QCOMPARE(editor->tabs()->currentIndex(), 0);
    QCOMPARE(editor->form()->rowCount(), 3);
    QCOMPARE(editor->form()->item(2, 0)->text(), QString("note"));
    QCOMPARE(qobject_cast<QComboBox*>(editor->form()->cellWidget(2, 1))->currentText(),
             QString("M"));
    QCOMPARE(editor->form()->item(2, 2)->text(), QString(R"({"by":{"S":"me"}})"));
    // Broken JSON keeps the user on the JSON tab with the reason.
    QTest::mouseClick(editor->tabs()->tabBar(), Qt::LeftButton, {},
                      editor->tabs()->tabBar()->tabRect(1).center());
    editor->jsonEdit()->setPlainText("{\"customer\": ");
    QTest::mouseClick(editor->tabs()->tabBar(), Qt::LeftButton, {},
                      editor->tabs()->tabBar()->tabRect(0).center());
    QCOMPARE(editor->tabs()->currentIndex(), 1);
    QVERIFY(editor->errorLabel()->text().contains("not a JSON object"));
    QVERIFY(!editor->saveButton()->isEnabled());
}

void ItemEditorTest::showsValidationErrorsInline() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    ItemEditor* editor = openNewItem(view);
    QVERIFY(editor);
    // An empty key string, in the form: DynamoDB's message, the row marked.
    editor->setFormRow(1, "order", "N", "1");
    QCOMPARE(editor->errorLabel()->text(),
             QString("One or more parameter values are not valid. The AttributeValue for a key "
                     "attribute cannot contain an empty string value. Key: customer"));
    QVERIFY(editor->form()->item(0, 2)->data(Qt::BackgroundRole).isValid());
    QVERIFY(!editor->saveButton()->isEnabled());
    // A bad number: the codec's message, naming the attribute.
    editor->setFormRow(0, "customer", "S", "c1");
    editor->addAttribute("price", "N", "12x");
    QVERIFY(editor->errorLabel()->text().startsWith("price: "));
    QVERIFY(editor->form()->item(2, 2)->data(Qt::BackgroundRole).isValid());
    editor->removeAttribute(2);
    QVERIFY(editor->saveButton()->isEnabled());
    QVERIFY(editor->errorLabel()->text().isEmpty());
    // Key type mismatch and index key type mismatch, typed as JSON.
    editor->tabs()->setCurrentIndex(1);
    editor->jsonEdit()->setPlainText(R"({"customer":{"N":"1"},"order":{"N":"2"}})");
    QCOMPARE(editor->errorLabel()->text(),
             QString("One or more parameter values were invalid: Type mismatch for key customer "
                     "expected: S actual: N"));
    // In the form, that key's type can be put right (a key of the right type cannot change).
    editor->tabs()->setCurrentIndex(0);
    auto* keyType = qobject_cast<QComboBox*>(editor->form()->cellWidget(0, 1));
    QVERIFY(keyType->isEnabled());
    QVERIFY(!qobject_cast<QComboBox*>(editor->form()->cellWidget(1, 1))->isEnabled());
    keyType->setCurrentText("S");
    QVERIFY2(editor->saveButton()->isEnabled(), qPrintable(editor->errorLabel()->text()));
    editor->tabs()->setCurrentIndex(1);
    editor->jsonEdit()->setPlainText(
        R"({"customer":{"S":"c"},"order":{"N":"2"},"coupon":{"N":"5"}})");
    QVERIFY(editor->errorLabel()->text().contains("Type mismatch for Index Key coupon"));
    editor->jsonEdit()->setPlainText(R"({"customer":{"S":"c"},"order":{"N":"2"},"x":{"SS":[]}})");
    QVERIFY(!editor->errorLabel()->text().isEmpty());
    QVERIFY(!editor->saveButton()->isEnabled());
    // Nothing was written by any of this.
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(0));
}

void ItemEditorTest::asksBeforeReplacingAnExistingItem() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    QVERIFY(dispatch(*engine, "PutItem", Json::parse(R"({"TableName":"Orders","Item":
        {"customer":{"S":"c1"},"order":{"N":"1"},"total":{"N":"10"}}})"))
                .ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.show();
    const Json key = Json::parse(R"({"customer":{"S":"c1"},"order":{"N":"1"}})");
    ItemEditor* editor = openNewItem(view);
    QVERIFY(editor);
    editor->setFormRow(0, "customer", "S", "c1");
    editor->setFormRow(1, "order", "N", "1");
    editor->addAttribute("total", "N", "99");
    QString question;
    answerNextMessageBox(QMessageBox::No, &question);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(question.contains("already exists"));
    QVERIFY(editor->isVisible());
    QVERIFY(editor->errorLabel()->text().contains("already exists"));
    QCOMPARE(getItem(*engine, "Orders", key)->at("total").scalar(), std::string("10"));
    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!view.itemEditor());
    QCOMPARE(getItem(*engine, "Orders", key)->at("total").scalar(), std::string("99"));
}

void ItemEditorTest::editsByDoubleClick() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    QVERIFY(dispatch(*engine, "PutItem", Json::parse(R"({"TableName":"Orders","Item":
        {"customer":{"S":"c1"},"order":{"N":"1"},"total":{"N":"10"},"note":{"S":"hi"}}})"))
                .ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView* grid = view.itemView();
    const QRect cell = grid->visualRect(view.itemModel()->index(0, 0));
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
    ItemEditor* editor = view.itemEditor();
    QVERIFY(editor);
    QVERIFY(!editor->isNewItem());
    QTableWidget* form = editor->form();
    QCOMPARE(form->rowCount(), 4);
    // The key stays: its values cannot be edited.
    QVERIFY(!(form->item(0, 2)->flags() & Qt::ItemIsEditable));
    QVERIFY(!(form->item(1, 2)->flags() & Qt::ItemIsEditable));
    int totalRow = -1;
    for (int r = 0; r < form->rowCount(); ++r)
        if (form->item(r, 0)->text() == "total") totalRow = r;
    QVERIFY(totalRow >= 2);
    typeIntoCell(form, totalRow, 2, "11");
    // Changing the key in the JSON tab is refused in UpdateItem's words.
    editor->tabs()->setCurrentIndex(1);
    const QString json = editor->jsonEdit()->toPlainText();
    editor->jsonEdit()->setPlainText(QString(json).replace("\"c1\"", "\"c2\""));
    QVERIFY(editor->errorLabel()->text().contains("Cannot update attribute customer"));
    editor->jsonEdit()->setPlainText(json);
    QVERIFY(editor->saveButton()->isEnabled());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!view.itemEditor());
    auto stored =
        getItem(*engine, "Orders", Json::parse(R"({"customer":{"S":"c1"},"order":{"N":"1"}})"));
    QVERIFY(stored);
    QCOMPARE(stored->at("total").scalar(), std::string("11"));
    QCOMPARE(stored->at("note").scalar(), std::string("hi"));
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(1));
}

void ItemEditorTest::deletesAfterConfirming() {
    QTemporaryDir dir;
    auto engine = ordersEngine(dir);
    QVERIFY(engine);
    for (const char* order : {"1", "2"})
        QVERIFY(dispatch(*engine, "PutItem",
                         {{"TableName", "Orders"},
                          {"Item", {{"customer", {{"S", "c1"}}}, {"order", {{"N", order}}}}}})
                    .ok());
    TableListModel tables(std::make_shared<LocalBackend>(engine));
    DataView view(&tables);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTableView* grid = view.itemView();
    QCOMPARE(view.itemModel()->rowCount(), 2);
    QVERIFY(!view.deleteItemAction()->isEnabled());  // nothing selected
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {},
                      grid->visualRect(view.itemModel()->index(0, 0)).center());
    QVERIFY(view.deleteItemAction()->isEnabled());
    // Cancel keeps the item.
    QString question;
    answerNextMessageBox(QMessageBox::Cancel, &question);
    QTest::mouseClick(buttonFor(&view, view.deleteItemAction()), Qt::LeftButton);
    QVERIFY(question.contains("customer = c1"));
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(2));
    // The Delete key on the grid, confirmed, deletes it.
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    grid->setFocus();
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {},
                      grid->visualRect(view.itemModel()->index(0, 0)).center());
    answerNextMessageBox(QMessageBox::Yes);
    QTest::keyClick(grid, Qt::Key_Delete);
    QCOMPARE(itemCount(*engine, "Orders"), int64_t(1));
    QCOMPARE(view.itemModel()->rowCount(), 1);
}

QTEST_MAIN(ItemEditorTest)
#include "test_item_editor.moc"
