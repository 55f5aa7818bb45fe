# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'event_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QWidget)

class Ui_EventEditor(object):
    def setupUi(self, EventEditor):
        if not EventEditor.objectName():
            EventEditor.setObjectName(u"EventEditor")
        EventEditor.resize(420, 320)
        self.formLayout = QFormLayout(EventEditor)
        self.formLayout.setObjectName(u"formLayout")
        self.timeLabel = QLabel(EventEditor)
        self.timeLabel.setObjectName(u"timeLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.timeLabel)

        self.timeRow = QHBoxLayout()
        self.timeRow.setObjectName(u"timeRow")
        self.timeEdit = QLineEdit(EventEditor)
        self.timeEdit.setObjectName(u"timeEdit")

        self.timeRow.addWidget(self.timeEdit)

        self.precisionLabel = QLabel(EventEditor)
        self.precisionLabel.setObjectName(u"precisionLabel")

        self.timeRow.addWidget(self.precisionLabel)


        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.timeRow)

        self.actorLabel = QLabel(EventEditor)
        self.actorLabel.setObjectName(u"actorLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.actorLabel)

        self.actorEdit = QLineEdit(EventEditor)
        self.actorEdit.setObjectName(u"actorEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.actorEdit)

        self.kindLabel = QLabel(EventEditor)
        self.kindLabel.setObjectName(u"kindLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindRow = QHBoxLayout()
        self.kindRow.setObjectName(u"kindRow")
        self.kindCombo = QComboBox(EventEditor)
        self.kindCombo.setObjectName(u"kindCombo")

        self.kindRow.addWidget(self.kindCombo)

        self.pivotCheck = QCheckBox(EventEditor)
        self.pivotCheck.setObjectName(u"pivotCheck")

        self.kindRow.addWidget(self.pivotCheck)


        self.formLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.kindRow)

        self.textLabel = QLabel(EventEditor)
        self.textLabel.setObjectName(u"textLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.textEdit = QPlainTextEdit(EventEditor)
        self.textEdit.setObjectName(u"textEdit")
        self.textEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.textEdit)

#if QT_CONFIG(shortcut)
        self.timeLabel.setBuddy(self.timeEdit)
        self.actorLabel.setBuddy(self.actorEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.textLabel.setBuddy(self.textEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.timeEdit, self.actorEdit)
        QWidget.setTabOrder(self.actorEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.pivotCheck)
        QWidget.setTabOrder(self.pivotCheck, self.textEdit)

        self.retranslateUi(EventEditor)

        QMetaObject.connectSlotsByName(EventEditor)
    # setupUi

    def retranslateUi(self, EventEditor):
        EventEditor.setWindowTitle(QCoreApplication.translate("EventEditor", u"Event", None))
        self.timeLabel.setText(QCoreApplication.translate("EventEditor", u"&Time", None))
        self.timeEdit.setPlaceholderText(QCoreApplication.translate("EventEditor", u"14:02, ~14:05, by 23:02, two minutes later\u2026", None))
#if QT_CONFIG(tooltip)
        self.precisionLabel.setToolTip(QCoreApplication.translate("EventEditor", u"How the time was understood", None))
#endif // QT_CONFIG(tooltip)
        self.precisionLabel.setText("")
        self.actorLabel.setText(QCoreApplication.translate("EventEditor", u"&Actor", None))
        self.actorEdit.setPlaceholderText(QCoreApplication.translate("EventEditor", u"Who or what acted or noticed", None))
        self.kindLabel.setText(QCoreApplication.translate("EventEditor", u"&Kind", None))
        self.pivotCheck.setText(QCoreApplication.translate("EventEditor", u"&Pivot point", None))
        self.textLabel.setText(QCoreApplication.translate("EventEditor", u"What &happened", None))
        self.textEdit.setPlaceholderText(QCoreApplication.translate("EventEditor", u"What happened, as neutrally as the room would say it", None))
    # retranslateUi

