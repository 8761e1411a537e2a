#pragma once
// Classroom mode's step-through of one request: pick a table, an operation and one of the
// table's items (or edit the request), a request rate, then step with Back/Next through
// key → hash → partition → items → units → throttled or not. The steps are worked out in
// core (walkthrough_facts.h, request_walkthrough.h) and reached through the current backend
// (Backend::walkThrough, on the embedded engine); this panel only shows them.

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "classroom/request_walkthrough.h"
#include "values/attribute_value.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace shardscape {
class TableListModel;

class RequestWalkthroughPanel : public QWidget {
    Q_OBJECT
  public:
    explicit RequestWalkthroughPanel(TableListModel* tables, QWidget* parent = nullptr);

    // Re-reads the table list (done whenever it changes: a model was opened, tables created...).
    void reloadTables();

    // Chooses the table, operation and example item (by position in the example list);
    // the request text follows. False if there is no such table or operation.
    bool selectTable(const QString& name);
    bool selectOperation(const QString& operation);
    void selectExample(int index);
    // Items of the table offered as examples (0: the table is empty).
    int exampleCount() const { return static_cast<int>(examples_.size()); }
    void setRate(double requestsPerSecond);
    void setRequestText(const QString& json);
    QString requestText() const;

    // Works the steps out for the current request and shows the first; false (with the
    // error shown) if the request is not valid.
    bool start();
    void next();
    void back();
    void showStep(int index);
    int currentStep() const { return current_; }
    int stepCount() const;
    const std::optional<Walkthrough>& walkthrough() const { return walkthrough_; }
    QString errorText() const;
    // The line above the steps: the steps' trail, or what to do first (no tables yet).
    QString guidanceText() const;

    QComboBox* tableBox() const { return table_; }
    QComboBox* operationBox() const { return operation_; }
    QComboBox* exampleBox() const { return example_; }
    QDoubleSpinBox* rateBox() const { return rate_; }
    QCheckBox* consistentBox() const { return consistent_; }
    QCheckBox* transactionalBox() const { return transactional_; }
    QPushButton* startButton() const { return startButton_; }
    QPushButton* nextButton() const { return next_; }
    QPushButton* backButton() const { return back_; }

  signals:
    void stepShown(int index);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void reloadExamples();
    void rebuildRequest();
    void updateInputs();
    void render();

    TableListModel* tables_;
    QComboBox* table_ = nullptr;
    QComboBox* operation_ = nullptr;
    QComboBox* example_ = nullptr;
    QCheckBox* consistent_ = nullptr;
    QCheckBox* transactional_ = nullptr;
    QDoubleSpinBox* rate_ = nullptr;
    QPlainTextEdit* request_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* trail_ = nullptr;
    QLabel* progress_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* next_ = nullptr;
    struct Card {
        QFrame* frame = nullptr;
        QLabel* title = nullptr;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
        QLabel* rule = nullptr;
    };
    std::vector<Card> cards_;
    std::vector<Item> examples_;
    std::optional<Walkthrough> walkthrough_;
    int current_ = -1;
};

}  // namespace shardscape
