BEGIN TRANSACTION;
CREATE TABLE "account" ("id" INTEGER NOT NULL PRIMARY KEY, "email" VARCHAR(255) NOT NULL, "email_key" VARCHAR(255) NOT NULL, "password_hash" VARCHAR(255) NOT NULL, "role" VARCHAR(255) NOT NULL, "uniquifier" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, "activated_at" DATETIME, "last_login_at" DATETIME, "activation_sent_at" DATETIME);
INSERT INTO "account" VALUES(1,'admin@ac-poitiers.fr','admin@ac-poitiers.fr','scrypt:32768:8:1$XRGMPtEN69EP5AAJ$20b443c1543262df8f896b647f7aaac356a13b3afd7701d44f690363674cbbd91902a7c63b9c90bcf205f130ad3b7ba91770e0c01d3cad394c9d41263d4718b0','admin','8mPrt_BKhp2JZsmTmBaKXA','2022-10-20 08:00:00','2022-10-20 08:00:00',NULL,NULL);
INSERT INTO "account" VALUES(2,'gestion.sah@ac-poitiers.fr','gestion.sah@ac-poitiers.fr','scrypt:32768:8:1$P8JXqsw3gZkP7IZE$6e0f9c0f81be81c8d44f81dfd3397dad4392ed5821bb48f6b29ab64785fe8e91d61de1a2e257e42dbc1f88dc3857db52ac6e00fd8e7f29af764087334a2c2f09','gestionnaire','7nbxtqLt17sPMbUpISIwow','2022-10-20 08:00:00','2022-10-20 08:00:00','2022-10-23 12:20:00',NULL);
INSERT INTO "account" VALUES(3,'Jeanne.Martin@exemple.fr','jeanne.martin@exemple.fr','scrypt:32768:8:1$xPG9F63vpNiUIeff$7f0dea243bd5487849607b60e892c49ed9d4b206284aa93a982ea8bce126d3434411561a3179e323f28a5df9024757cd8e86f7abc4e702124fb4308aa7936d56','candidat','Dt3tgde54SxqRLLfro_T0w','2022-10-20 08:00:00','2022-10-20 08:05:00','2022-10-20 08:05:00','2022-10-20 08:00:00');
INSERT INTO "account" VALUES(4,'bruno.durand@exemple.fr','bruno.durand@exemple.fr','scrypt:32768:8:1$nV4lplFthgBhO5SS$7eb9367d52e589484798ed2ad1e67edd6fd408a2163ea6f58bb11b682c99480ccdef483ab0ee87b63fe2b678fcc4f90261bec255f980f16bb04f7246273fcb2a','candidat','oSufOJSZjltmpH1rZTllXw','2022-10-20 12:05:00','2022-10-20 12:10:00','2022-10-20 12:10:00','2022-10-20 12:05:00');
INSERT INTO "account" VALUES(5,'chloe.petit@exemple.fr','chloe.petit@exemple.fr','scrypt:32768:8:1$mjy1CNnv9XPnlikA$795bd82c3cc37a5b9e75eba320970e49712ee7ec976b2fe6ab5aa40005140eab6afc02e56a5c900c41359971bf705210eef97be6d1fd1c42f8a3b9cd1286a1a2','candidat','YMQSgBdgF6CH3-MBMEzyRg','2022-10-22 12:10:00','2022-10-22 12:15:00','2022-10-22 12:15:00','2022-10-22 12:10:00');
INSERT INTO "account" VALUES(6,'emile.roux@exemple.fr','emile.roux@exemple.fr','scrypt:32768:8:1$QDSvMaQtBeQAWFyN$5b7c4c7ce0e64555b13b27e2424688cb80f43c05fd922963b4fa29add2f4023b57cfbf09101f5710500b299d7f9596e447c8787f76a7d7d1c2cc6cf34fd2cec2','candidat','JG3GFyJwxuLwwu_gyTvDvA','2022-10-22 12:15:00','2022-10-22 12:20:00','2022-10-22 12:20:00','2022-10-22 12:15:00');
INSERT INTO "account" VALUES(7,'david.moreau@exemple.fr','david.moreau@exemple.fr','scrypt:32768:8:1$0U0Hmh1kFgcCYLKV$2e354bd8bad3ad1e0109f103ede668a9517865a9660ce13fac41ba0fbe5cfc303361681c655764fa70e53bf90891a99944822e3e5bfae6c8e4a3a4ca71cb4946','candidat','oEDHTNEN4YteeKs5MmNTWg','2022-10-22 12:20:00',NULL,NULL,'2022-10-22 12:20:00');
CREATE TABLE "address_change" ("id" INTEGER NOT NULL PRIMARY KEY, "account_id" INTEGER NOT NULL, "registration_id" INTEGER, "old_address" TEXT NOT NULL, "new_address" TEXT NOT NULL, "at" DATETIME NOT NULL, "seen_by_staff_at" DATETIME, FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE, FOREIGN KEY ("registration_id") REFERENCES "registration" ("id") ON DELETE SET NULL);
INSERT INTO "address_change" VALUES(1,4,2,'12 rue de l’Œuvre
86000 Poitiers
France','5 rue des Lilas
17000 La Rochelle
France','2022-10-22 12:10:00','2022-10-23 12:20:00');
CREATE TABLE "audit" ("id" INTEGER NOT NULL PRIMARY KEY, "at" DATETIME NOT NULL, "actor_id" INTEGER, "action" VARCHAR(255) NOT NULL, "subject_id" INTEGER, "detail" TEXT NOT NULL, FOREIGN KEY ("actor_id") REFERENCES "account" ("id") ON DELETE SET NULL, FOREIGN KEY ("subject_id") REFERENCES "account" ("id") ON DELETE SET NULL);
INSERT INTO "audit" VALUES(1,'2022-10-20 08:00:00',3,'compte créé',3,'');
INSERT INTO "audit" VALUES(2,'2022-10-20 08:05:00',3,'compte activé',3,'');
INSERT INTO "audit" VALUES(3,'2022-10-20 12:05:00',4,'compte créé',4,'');
INSERT INTO "audit" VALUES(4,'2022-10-20 12:10:00',4,'compte activé',4,'');
INSERT INTO "audit" VALUES(5,'2022-10-22 12:10:00',5,'compte créé',5,'');
INSERT INTO "audit" VALUES(6,'2022-10-22 12:15:00',5,'compte activé',5,'');
INSERT INTO "audit" VALUES(7,'2022-10-22 12:15:00',6,'compte créé',6,'');
INSERT INTO "audit" VALUES(8,'2022-10-22 12:20:00',6,'compte activé',6,'');
INSERT INTO "audit" VALUES(9,'2022-10-22 12:20:00',7,'compte créé',7,'');
INSERT INTO "audit" VALUES(10,'2022-10-23 12:20:00',2,'pièce validée',3,'2023-06-POI-000001 — Pièce d''identité en cours de validité (recto et verso)');
INSERT INTO "audit" VALUES(11,'2022-10-23 12:20:00',2,'pièce refusée',3,'2023-06-POI-000001 — Certificat individuel de participation à la Journée défense et citoyenneté (JDC) : Le document est illisible.');
INSERT INTO "audit" VALUES(12,'2022-10-23 12:20:00',2,'relance envoyée',3,'2023-06-POI-000001');
INSERT INTO "audit" VALUES(13,'2022-10-23 12:20:00',2,'changement d''adresse vu',4,'2023-06-POI-000002 — 5 rue des Lilas, 17000 La Rochelle, France');
CREATE TABLE "document_rule" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "when" VARCHAR(255) NOT NULL, "help" TEXT NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("session_id") REFERENCES "exam_session" ("id") ON DELETE CASCADE);
INSERT INTO "document_rule" VALUES(1,1,'identite','Pièce d''identité en cours de validité (recto et verso)','always','Carte nationale d''identité, passeport ou titre de séjour, recto et verso lisibles.',0);
INSERT INTO "document_rule" VALUES(2,1,'recensement','Attestation de recensement','french_under_18','Délivrée par la mairie de votre domicile (ou le consulat) après votre recensement citoyen, dès 16 ans.',1);
INSERT INTO "document_rule" VALUES(3,1,'jdc','Certificat individuel de participation à la Journée défense et citoyenneté (JDC)','french_18_to_24','À défaut, l''attestation provisoire (en attente de convocation) ou l''attestation d''exemption. En cas de perte, demandez un duplicata sur majdc.fr.',2);
INSERT INTO "document_rule" VALUES(4,1,'scolarite','Certificat de scolarité de l''organisme de formation à distance','distance_learning','Établi pour l''année 2022-2023 par l''organisme, il indique l''examen que vous préparez.',3);
INSERT INTO "document_rule" VALUES(5,1,'diplome-dispense','Copie du diplôme ouvrant droit à la dispense d''épreuves','exemption_requested','Copie du diplôme (ou de l''attestation de réussite) que vous faites valoir pour être dispensé d''épreuves.',4);
INSERT INTO "document_rule" VALUES(6,1,'releve-notes','Relevé de notes de la session antérieure','grades_kept','Relevé officiel portant les notes que vous demandez à conserver.',5);
INSERT INTO "document_rule" VALUES(7,1,'amenagement','Décision d''aménagement des épreuves','accommodation_requested','La notification de décision du recteur. N''envoyez aucun certificat ni document médical.',6);
INSERT INTO "document_rule" VALUES(8,1,'experience','Justificatifs d''expérience professionnelle','work_experience','Certificats de travail ou attestations d''employeur précisant l''emploi occupé, les dates et la durée de travail.',7);
INSERT INTO "document_rule" VALUES(9,1,'comparabilite','Attestation de comparabilité du diplôme étranger','foreign_diploma','Délivrée par France Éducation international (centre ENIC-NARIC France).',8);
CREATE TABLE "exam" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "pole_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "diploma" VARCHAR(255) NOT NULL, "languages" TEXT NOT NULL, "optional_tests" TEXT NOT NULL, "work_experience" INTEGER NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("session_id") REFERENCES "exam_session" ("id") ON DELETE CASCADE, FOREIGN KEY ("pole_id") REFERENCES "pole" ("id") ON DELETE RESTRICT);
INSERT INTO "exam" VALUES(1,1,2,'CAP-CUIS','CAP Cuisine','CAP','["Anglais", "Espagnol"]','[]',0,0);
INSERT INTO "exam" VALUES(2,1,2,'CAP-COMCUI','CAP Commis de cuisine','CAP','["Anglais", "Espagnol"]','[]',0,1);
INSERT INTO "exam" VALUES(3,1,2,'CAP-PATIS','CAP Pâtissier','CAP','["Anglais", "Allemand", "Espagnol"]','[]',0,2);
INSERT INTO "exam" VALUES(4,1,2,'CAP-BOUL','CAP Boulanger','CAP','["Anglais", "Allemand", "Espagnol"]','[]',0,3);
INSERT INTO "exam" VALUES(5,1,2,'CAP-COIF','CAP Métiers de la coiffure','CAP','["Anglais", "Espagnol"]','[]',0,4);
INSERT INTO "exam" VALUES(6,1,2,'CAP-AEPE','CAP Accompagnant éducatif petite enfance','CAP','[]','[]',0,5);
INSERT INTO "exam" VALUES(7,1,2,'CAP-ESTH','CAP Esthétique, cosmétique, parfumerie','CAP','["Anglais", "Espagnol"]','[]',0,6);
INSERT INTO "exam" VALUES(8,1,1,'CAP-ELEC','CAP Électricien','CAP','["Anglais", "Allemand", "Espagnol"]','[]',0,7);
INSERT INTO "exam" VALUES(9,1,1,'CAP-MVA','CAP Maintenance des véhicules, option voitures particulières','CAP','["Anglais", "Allemand", "Espagnol"]','[]',0,8);
INSERT INTO "exam" VALUES(10,1,1,'CAP-EPC','CAP Équipier polyvalent du commerce','CAP','["Anglais", "Espagnol"]','[]',0,9);
INSERT INTO "exam" VALUES(11,1,2,'BP-BOUL','BP Boulanger','BP','["Anglais", "Allemand", "Espagnol"]','[]',1,10);
INSERT INTO "exam" VALUES(12,1,2,'BP-COIF','BP Coiffure','BP','["Anglais", "Espagnol"]','[]',1,11);
INSERT INTO "exam" VALUES(13,1,2,'MC-SOMM','MC Sommellerie','MC','[]','[]',1,12);
INSERT INTO "exam" VALUES(14,1,2,'MC-DESS','MC Cuisinier en desserts de restaurant','MC','[]','[]',1,13);
INSERT INTO "exam" VALUES(15,1,3,'BACPRO-MCV-A','Bac pro Métiers du commerce et de la vente, option A animation et gestion de l''espace commercial','Bac pro','["Anglais", "Allemand", "Espagnol", "Italien"]','["Langue vivante étrangère", "Éducation physique et sportive"]',0,14);
INSERT INTO "exam" VALUES(16,1,3,'BACPRO-AGORA','Bac pro Assistance à la gestion des organisations et de leurs activités','Bac pro','["Anglais", "Allemand", "Espagnol"]','["Langue vivante étrangère", "Éducation physique et sportive"]',0,15);
INSERT INTO "exam" VALUES(17,1,3,'BACPRO-ASSP','Bac pro Accompagnement, soins et services à la personne','Bac pro','["Anglais", "Espagnol"]','["Langue vivante étrangère", "Éducation physique et sportive"]',0,16);
INSERT INTO "exam" VALUES(18,1,3,'BACPRO-CUIS','Bac pro Cuisine','Bac pro','["Anglais", "Allemand", "Espagnol"]','["Langue vivante étrangère", "Éducation physique et sportive"]',0,17);
INSERT INTO "exam" VALUES(19,1,1,'BTS-MCO','BTS Management commercial opérationnel','BTS','["Anglais", "Allemand", "Espagnol"]','["Langue vivante étrangère 2", "Entrepreneuriat"]',0,18);
INSERT INTO "exam" VALUES(20,1,1,'BTS-CG','BTS Comptabilité et gestion','BTS','["Anglais", "Allemand", "Espagnol"]','["Langue vivante étrangère 2", "Mathématiques approfondies"]',0,19);
CREATE TABLE "exam_session" ("id" INTEGER NOT NULL PRIMARY KEY, "code" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "academy" VARCHAR(255) NOT NULL, "audience" VARCHAR(255) NOT NULL, "timezone" VARCHAR(255) NOT NULL, "opens_at" DATETIME NOT NULL, "closes_at" DATETIME NOT NULL, "documents_due_at" DATETIME NOT NULL, "exams_start_on" DATE NOT NULL, "website" VARCHAR(255) NOT NULL);
INSERT INTO "exam_session" VALUES(1,'2023-06-poitiers','Session juin 2023','Académie de Poitiers','Candidats individuels ou inscrits à une formation d''enseignement à distance','Europe/Paris','2022-10-18 08:00:00','2022-11-22 18:00:00','2022-11-23 23:00:00','2023-06-01','https://www.ac-poitiers.fr');
CREATE TABLE "login_attempt" ("id" INTEGER NOT NULL PRIMARY KEY, "key" VARCHAR(255) NOT NULL, "at" DATETIME NOT NULL);
INSERT INTO "login_attempt" VALUES(1,'117a03166c4a1f88','2022-10-22 12:20:00');
INSERT INTO "login_attempt" VALUES(2,'508cc0fe26185d71','2022-10-22 12:20:00');
CREATE TABLE "login_session" ("id" INTEGER NOT NULL PRIMARY KEY, "account_id" INTEGER NOT NULL, "token_hash" VARCHAR(255) NOT NULL, "uniquifier" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, "ended_at" DATETIME, FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE);
INSERT INTO "login_session" VALUES(1,3,'5beb1393571a824937d049cd5afb17d5fd957c55bbf899aadfe546ca4505605e','Dt3tgde54SxqRLLfro_T0w','2022-10-20 08:05:00',NULL);
INSERT INTO "login_session" VALUES(2,4,'c98440b78544aaaff27c5edf13da510f3cc37d55f05ee618cf07dc94674bb4b9','oSufOJSZjltmpH1rZTllXw','2022-10-20 12:10:00',NULL);
INSERT INTO "login_session" VALUES(3,5,'fc0399167ea911e72ffe5da18614da34a6b834e7447a547d17461477da093c1a','YMQSgBdgF6CH3-MBMEzyRg','2022-10-22 12:15:00',NULL);
INSERT INTO "login_session" VALUES(4,6,'b16daf94ffe4de010977a028e8190a83214c4f71dd15081a6ea7ca6dd92f60cd','JG3GFyJwxuLwwu_gyTvDvA','2022-10-22 12:20:00','2022-10-22 12:20:00');
INSERT INTO "login_session" VALUES(5,2,'a91d926bbb472bc4224959271f31acef1bd1be399ba9067c8d2b5dc8ec133ecb','7nbxtqLt17sPMbUpISIwow','2022-10-23 12:20:00',NULL);
CREATE TABLE "outbox" ("id" INTEGER NOT NULL PRIMARY KEY, "recipient" VARCHAR(255) NOT NULL, "subject" VARCHAR(255) NOT NULL, "body" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "attempts" INTEGER NOT NULL, "next_attempt_at" DATETIME NOT NULL, "created_at" DATETIME NOT NULL, "sent_at" DATETIME, "last_error" TEXT);
INSERT INTO "outbox" VALUES(1,'Jeanne.Martin@exemple.fr','Activez votre compte Sésame','Bonjour,

Un compte a été créé sur le portail d''inscription aux examens avec cette adresse électronique.

Pour l''activer, ouvrez le lien ci-dessous puis cliquez sur « Activer mon compte ». Vous avez 48 heures ; passé ce délai, le compte sera supprimé.

http://localhost/compte/activer/eyJpZCI6MywidSI6IkR0M3RnZGU1NFN4cVJMTGZyb19UMHciLCJlIjoiamVhbm5lLm1hcnRpbkBleGVtcGxlLmZyIiwicyI6InBlbmRpbmcifQ.Y1EAAA.qqu71ALtASiHpuSCDWk-6PnimEU

Si vous n''êtes pas à l''origine de cette demande, ignorez ce message : le compte sera supprimé automatiquement.
','sent',0,'2022-10-20 08:00:00','2022-10-20 08:00:00','2022-10-23 14:20:00',NULL);
INSERT INTO "outbox" VALUES(2,'Jeanne.Martin@exemple.fr','Inscription enregistrée : n° 2023-06-POI-000001, version 1','Bonjour,

Votre inscription à la Session juin 2023 (Académie de Poitiers) est enregistrée.

Numéro d''inscription : 2023-06-POI-000001
Version : 1, enregistrée le jeudi 20 octobre 2022 à 10 h 05 (heure de Paris)

EXAMEN
Examen : CAP Cuisine
Pôle : Pôle services, alimentation, hôtellerie
Vous êtes : Candidat individuel
Langue vivante : Anglais

IDENTITÉ
Civilité : Madame
Nom de naissance : Martin
Prénoms : Jeanne
Date de naissance : 14 juillet 2003
Lieu de naissance : Châtellerault (86)
Nationalité : française

COORDONNÉES
Adresse postale : 12 rue de l’Œuvre, 86000 Poitiers, France
Téléphone : 06 12 34 56 78
Adresse électronique : Jeanne.Martin@exemple.fr

SITUATION
Diplômes déjà obtenus : Aucun
Dispense d''épreuves demandée : Non
Notes d''une session antérieure conservées : Non
Diplôme obtenu à l''étranger : Non
Aménagement des épreuves demandé : Non
Recensement et JDC : J''ai participé à la Journée défense et citoyenneté (JDC)

PIÈCES JUSTIFICATIVES
À déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 (heure de Paris), puis cliquez sur « J''ai fourni toutes mes pièces » :
- Pièce d''identité en cours de validité (recto et verso) (Cette pièce est demandée à tous les candidats.)
- Certificat individuel de participation à la Journée défense et citoyenneté (JDC) (Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023.)

Vous pouvez modifier votre inscription jusqu''au mardi 22 novembre 2022 à 19 h 00 (heure de Paris). Après chaque modification, cliquez à nouveau sur « Enregistrer ».

Votre récapitulatif (à visualiser, imprimer ou télécharger en PDF) est dans Mes documents :
http://localhost/documents/
','sent',0,'2022-10-20 08:05:00','2022-10-20 08:05:00','2022-10-23 14:20:00',NULL);
INSERT INTO "outbox" VALUES(3,'Jeanne.Martin@exemple.fr','Accusé de réception : vos pièces justificatives','Bonjour,

Nous avons bien reçu votre déclaration « J''ai fourni toutes mes pièces », faite le jeudi 20 octobre 2022 à 11 h 05 (heure de Paris).

Inscription n° 2023-06-POI-000001 — Session juin 2023, CAP Cuisine

Pièces déposées :
- Pièce d''identité en cours de validité (recto et verso) : 2 fichier(s)
- Certificat individuel de participation à la Journée défense et citoyenneté (JDC) : 1 fichier(s)

Le rectorat va examiner vos pièces. Si l''une d''elles est refusée, le motif s''affichera dans Sésame, menu « Mes justificatifs », et vous pourrez la déposer à nouveau.

Académie : Académie de Poitiers
','sent',0,'2022-10-20 09:05:00','2022-10-20 09:05:00','2022-10-23 14:20:00',NULL);
INSERT INTO "outbox" VALUES(4,'bruno.durand@exemple.fr','Activez votre compte Sésame','Bonjour,

Un compte a été créé sur le portail d''inscription aux examens avec cette adresse électronique.

Pour l''activer, ouvrez le lien ci-dessous puis cliquez sur « Activer mon compte ». Vous avez 48 heures ; passé ce délai, le compte sera supprimé.

http://localhost/compte/activer/eyJpZCI6NCwidSI6Im9TdWZPSlNaamx0bXBIMXJaVGxsWHciLCJlIjoiYnJ1bm8uZHVyYW5kQGV4ZW1wbGUuZnIiLCJzIjoicGVuZGluZyJ9.Y1E5bA.OveNvj_awJbdL-9Heelt2EBzUWQ

Si vous n''êtes pas à l''origine de cette demande, ignorez ce message : le compte sera supprimé automatiquement.
','sent',0,'2022-10-20 12:05:00','2022-10-20 12:05:00','2022-10-23 14:20:00',NULL);
INSERT INTO "outbox" VALUES(5,'bruno.durand@exemple.fr','Inscription enregistrée : n° 2023-06-POI-000002, version 1','Bonjour,

Votre inscription à la Session juin 2023 (Académie de Poitiers) est enregistrée.

Numéro d''inscription : 2023-06-POI-000002
Version : 1, enregistrée le jeudi 20 octobre 2022 à 14 h 10 (heure de Paris)

EXAMEN
Examen : CAP Pâtissier
Pôle : Pôle services, alimentation, hôtellerie
Vous êtes : Candidat individuel
Langue vivante : Espagnol

IDENTITÉ
Civilité : Monsieur
Nom de naissance : Durand
Prénoms : Bruno
Date de naissance : 2 mars 1985
Lieu de naissance : Châtellerault (86)
Nationalité : française

COORDONNÉES
Adresse postale : 12 rue de l’Œuvre, 86000 Poitiers, France
Téléphone : 06 12 34 56 78
Adresse électronique : bruno.durand@exemple.fr

SITUATION
Diplômes déjà obtenus : Aucun
Dispense d''épreuves demandée : Non
Notes d''une session antérieure conservées : Non
Diplôme obtenu à l''étranger : Non
Aménagement des épreuves demandé : Non

PIÈCES JUSTIFICATIVES
À déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 (heure de Paris), puis cliquez sur « J''ai fourni toutes mes pièces » :
- Pièce d''identité en cours de validité (recto et verso) (Cette pièce est demandée à tous les candidats.)

Vous pouvez modifier votre inscription jusqu''au mardi 22 novembre 2022 à 19 h 00 (heure de Paris). Après chaque modification, cliquez à nouveau sur « Enregistrer ».

Votre récapitulatif (à visualiser, imprimer ou télécharger en PDF) est dans Mes documents :
http://localhost/documents/
','queued',0,'2022-10-20 12:10:00','2022-10-20 12:10:00',NULL,NULL);
INSERT INTO "outbox" VALUES(6,'chloe.petit@exemple.fr','Activez votre compte Sésame','Bonjour,

Un compte a été créé sur le portail d''inscription aux examens avec cette adresse électronique.

Pour l''activer, ouvrez le lien ci-dessous puis cliquez sur « Activer mon compte ». Vous avez 48 heures ; passé ce délai, le compte sera supprimé.

http://localhost/compte/activer/eyJpZCI6NSwidSI6IllNUVNnQmRnRjZDSDMtTUJNRXp5UmciLCJlIjoiY2hsb2UucGV0aXRAZXhlbXBsZS5mciIsInMiOiJwZW5kaW5nIn0.Y1PdmA.l1TRwXE8FRPbTjXB740mtbKC0_U

Si vous n''êtes pas à l''origine de cette demande, ignorez ce message : le compte sera supprimé automatiquement.
','queued',0,'2022-10-22 12:10:00','2022-10-22 12:10:00',NULL,NULL);
INSERT INTO "outbox" VALUES(7,'emile.roux@exemple.fr','Activez votre compte Sésame','Bonjour,

Un compte a été créé sur le portail d''inscription aux examens avec cette adresse électronique.

Pour l''activer, ouvrez le lien ci-dessous puis cliquez sur « Activer mon compte ». Vous avez 48 heures ; passé ce délai, le compte sera supprimé.

http://localhost/compte/activer/eyJpZCI6NiwidSI6IkpHM0dGeUp3eHVMd3d1X2d5VHZEdkEiLCJlIjoiZW1pbGUucm91eEBleGVtcGxlLmZyIiwicyI6InBlbmRpbmcifQ.Y1PexA.ho9ti_ZLYr9gljdrrMRPGrAmpTA

Si vous n''êtes pas à l''origine de cette demande, ignorez ce message : le compte sera supprimé automatiquement.
','queued',0,'2022-10-22 12:15:00','2022-10-22 12:15:00',NULL,NULL);
INSERT INTO "outbox" VALUES(8,'emile.roux@exemple.fr','Inscription enregistrée : n° 2023-06-POI-000003, version 1','Bonjour,

Votre inscription à la Session juin 2023 (Académie de Poitiers) est enregistrée.

Numéro d''inscription : 2023-06-POI-000003
Version : 1, enregistrée le samedi 22 octobre 2022 à 14 h 20 (heure de Paris)

EXAMEN
Examen : CAP Cuisine
Pôle : Pôle services, alimentation, hôtellerie
Vous êtes : Candidat individuel
Langue vivante : Anglais

IDENTITÉ
Civilité : Monsieur
Nom de naissance : Roux
Prénoms : Émile
Date de naissance : 14 juillet 2003
Lieu de naissance : Châtellerault (86)
Nationalité : française

COORDONNÉES
Adresse postale : 12 rue de l’Œuvre, 86000 Poitiers, France
Téléphone : 06 12 34 56 78
Adresse électronique : emile.roux@exemple.fr

SITUATION
Diplômes déjà obtenus : Aucun
Dispense d''épreuves demandée : Non
Notes d''une session antérieure conservées : Non
Diplôme obtenu à l''étranger : Non
Aménagement des épreuves demandé : Non
Recensement et JDC : J''ai participé à la Journée défense et citoyenneté (JDC)

PIÈCES JUSTIFICATIVES
À déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 (heure de Paris), puis cliquez sur « J''ai fourni toutes mes pièces » :
- Pièce d''identité en cours de validité (recto et verso) (Cette pièce est demandée à tous les candidats.)
- Certificat individuel de participation à la Journée défense et citoyenneté (JDC) (Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023.)

Vous pouvez modifier votre inscription jusqu''au mardi 22 novembre 2022 à 19 h 00 (heure de Paris). Après chaque modification, cliquez à nouveau sur « Enregistrer ».

Votre récapitulatif (à visualiser, imprimer ou télécharger en PDF) est dans Mes documents :
http://localhost/documents/
','queued',0,'2022-10-22 12:20:00','2022-10-22 12:20:00',NULL,NULL);
INSERT INTO "outbox" VALUES(9,'emile.roux@exemple.fr','Inscription annulée : n° 2023-06-POI-000003','Bonjour,

Votre inscription n° 2023-06-POI-000003 à la Session juin 2023 (Académie de Poitiers) est annulée à votre demande.

Vous pouvez vous inscrire à nouveau jusqu''au mardi 22 novembre 2022 à 19 h 00 (heure de Paris). Aucune inscription ne sera reçue après cette date.

Si vous n''êtes pas à l''origine de cette annulation, changez votre mot de passe et contactez le pôle de votre examen.
','queued',0,'2022-10-22 12:20:00','2022-10-22 12:20:00',NULL,NULL);
INSERT INTO "outbox" VALUES(10,'david.moreau@exemple.fr','Activez votre compte Sésame','Bonjour,

Un compte a été créé sur le portail d''inscription aux examens avec cette adresse électronique.

Pour l''activer, ouvrez le lien ci-dessous puis cliquez sur « Activer mon compte ». Vous avez 48 heures ; passé ce délai, le compte sera supprimé.

http://localhost/compte/activer/eyJpZCI6NywidSI6Im9FREhUTkVONFl0ZWVLczVNbU5UV2ciLCJlIjoiZGF2aWQubW9yZWF1QGV4ZW1wbGUuZnIiLCJzIjoicGVuZGluZyJ9.Y1Pf8A.ScqfjTvSlaLkydXxzZPu9wlPda0

Si vous n''êtes pas à l''origine de cette demande, ignorez ce message : le compte sera supprimé automatiquement.
','queued',0,'2022-10-22 12:20:00','2022-10-22 12:20:00',NULL,NULL);
INSERT INTO "outbox" VALUES(11,'Jeanne.Martin@exemple.fr','Pièce refusée : Certificat individuel de participation à la Journée défense et citoyenneté (JDC)','Bonjour,

Le rectorat a examiné les pièces justificatives de votre inscription n° 2023-06-POI-000001 (Session juin 2023, CAP Cuisine).

La pièce « Certificat individuel de participation à la Journée défense et citoyenneté (JDC) » est refusée.
Motif : Le document est illisible.

Déposez un nouveau fichier pour cette pièce avant le jeudi 24 novembre 2022 (heure de Paris), dans Sésame, menu « Mes justificatifs » :
http://localhost/justificatifs/

Pôle services, alimentation, hôtellerie : pole.sah@ac-poitiers.fr, 05.16.52.64.50 ou 05.16.52.64.53

Académie : Académie de Poitiers
','queued',0,'2022-10-23 12:20:00','2022-10-23 12:20:00',NULL,NULL);
INSERT INTO "outbox" VALUES(12,'Jeanne.Martin@exemple.fr','Relance : pièces justificatives à déposer','Bonjour,

Pour votre inscription n° 2023-06-POI-000001 (Session juin 2023, CAP Cuisine), il manque encore des pièces justificatives :

- Certificat individuel de participation à la Journée défense et citoyenneté (JDC) (refusée, motif : Le document est illisible.), à déposer avant le jeudi 24 novembre 2022 (heure de Paris)

Déposez-les dans Sésame, menu « Mes justificatifs », en sélectionnant « Ajouter », puis cliquez sur « J''ai fourni toutes mes pièces » :
http://localhost/justificatifs/

Sans ces pièces, votre inscription ne pourra pas être validée.

Pôle services, alimentation, hôtellerie : pole.sah@ac-poitiers.fr, 05.16.52.64.50 ou 05.16.52.64.53

Académie : Académie de Poitiers
','queued',0,'2022-10-23 12:20:00','2022-10-23 12:20:00',NULL,NULL);
CREATE TABLE "piece" ("id" INTEGER NOT NULL PRIMARY KEY, "registration_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "help" TEXT NOT NULL, "reason" TEXT NOT NULL, "position" INTEGER NOT NULL, "status" VARCHAR(255) NOT NULL, "refusal_reason" TEXT NOT NULL, "reviewed_by_id" INTEGER, "reviewed_at" DATETIME, "due_override" DATETIME, "obsolete_at" DATETIME, "reopens_declaration" INTEGER NOT NULL, FOREIGN KEY ("registration_id") REFERENCES "registration" ("id") ON DELETE CASCADE, FOREIGN KEY ("reviewed_by_id") REFERENCES "account" ("id") ON DELETE SET NULL);
INSERT INTO "piece" VALUES(1,1,'identite','Pièce d''identité en cours de validité (recto et verso)','Carte nationale d''identité, passeport ou titre de séjour, recto et verso lisibles.','Cette pièce est demandée à tous les candidats.',0,'validée','',2,'2022-10-23 12:20:00',NULL,NULL,0);
INSERT INTO "piece" VALUES(2,1,'jdc','Certificat individuel de participation à la Journée défense et citoyenneté (JDC)','À défaut, l''attestation provisoire (en attente de convocation) ou l''attestation d''exemption. En cas de perte, demandez un duplicata sur majdc.fr.','Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023.',1,'déposée','Le document est illisible.',2,'2022-10-23 12:20:00',NULL,NULL,0);
INSERT INTO "piece" VALUES(3,2,'identite','Pièce d''identité en cours de validité (recto et verso)','Carte nationale d''identité, passeport ou titre de séjour, recto et verso lisibles.','Cette pièce est demandée à tous les candidats.',0,'déposée','',NULL,NULL,NULL,NULL,0);
INSERT INTO "piece" VALUES(4,4,'identite','Pièce d''identité en cours de validité (recto et verso)','Carte nationale d''identité, passeport ou titre de séjour, recto et verso lisibles.','Cette pièce est demandée à tous les candidats.',0,'manquante','',NULL,NULL,NULL,NULL,0);
INSERT INTO "piece" VALUES(5,4,'jdc','Certificat individuel de participation à la Journée défense et citoyenneté (JDC)','À défaut, l''attestation provisoire (en attente de convocation) ou l''attestation d''exemption. En cas de perte, demandez un duplicata sur majdc.fr.','Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023.',1,'manquante','',NULL,NULL,NULL,NULL,0);
CREATE TABLE "pole" ("id" INTEGER NOT NULL PRIMARY KEY, "session_id" INTEGER NOT NULL, "code" VARCHAR(255) NOT NULL, "label" VARCHAR(255) NOT NULL, "phones" TEXT NOT NULL, "email" VARCHAR(255) NOT NULL, "position" INTEGER NOT NULL, FOREIGN KEY ("session_id") REFERENCES "exam_session" ("id") ON DELETE CASCADE);
INSERT INTO "pole" VALUES(1,1,'industriel-tertiaire','Pôle industriel, tertiaire','["05.16.52.64.55", "05.16.52.64.56"]','pole.industriel.tertiaire@ac-poitiers.fr',0);
INSERT INTO "pole" VALUES(2,1,'services-alimentation-hotellerie','Pôle services, alimentation, hôtellerie','["05.16.52.64.50", "05.16.52.64.53"]','pole.sah@ac-poitiers.fr',1);
INSERT INTO "pole" VALUES(3,1,'bac-pro','Pôle baccalauréats professionnels','["05.16.52.64.64", "05.16.52.64.63", "05.16.52.64.31"]','pole.bac.pro@ac-poitiers.fr',2);
CREATE TABLE "profile" ("id" INTEGER NOT NULL PRIMARY KEY, "civilite" VARCHAR(255) NOT NULL, "birth_name" VARCHAR(255) NOT NULL, "usage_name" VARCHAR(255) NOT NULL, "first_names" VARCHAR(255) NOT NULL, "birth_date" DATE, "birth_commune" VARCHAR(255) NOT NULL, "birth_departement" VARCHAR(255) NOT NULL, "birth_country" VARCHAR(255) NOT NULL, "nationality" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, "postcode" VARCHAR(255) NOT NULL, "commune" VARCHAR(255) NOT NULL, "country" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "account_id" INTEGER NOT NULL, "updated_at" DATETIME NOT NULL, FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE);
INSERT INTO "profile" VALUES(1,'Madame','Martin','','Jeanne','2003-07-14','Châtellerault','86','','française','12 rue de l’Œuvre','86000','Poitiers','France','06 12 34 56 78',3,'2022-10-20 08:05:00');
INSERT INTO "profile" VALUES(2,'Monsieur','Durand','','Bruno','1985-03-02','Châtellerault','86','','française','5 rue des Lilas','17000','La Rochelle','France','06 12 34 56 78',4,'2022-10-22 12:10:00');
INSERT INTO "profile" VALUES(3,'Monsieur','Roux','','Émile','2003-07-14','Châtellerault','86','','française','12 rue de l’Œuvre','86000','Poitiers','France','06 12 34 56 78',6,'2022-10-22 12:20:00');
CREATE TABLE "registration" ("id" INTEGER NOT NULL PRIMARY KEY, "civilite" VARCHAR(255) NOT NULL, "birth_name" VARCHAR(255) NOT NULL, "usage_name" VARCHAR(255) NOT NULL, "first_names" VARCHAR(255) NOT NULL, "birth_date" DATE, "birth_commune" VARCHAR(255) NOT NULL, "birth_departement" VARCHAR(255) NOT NULL, "birth_country" VARCHAR(255) NOT NULL, "nationality" VARCHAR(255) NOT NULL, "address" TEXT NOT NULL, "postcode" VARCHAR(255) NOT NULL, "commune" VARCHAR(255) NOT NULL, "country" VARCHAR(255) NOT NULL, "phone" VARCHAR(255) NOT NULL, "account_id" INTEGER NOT NULL, "session_id" INTEGER NOT NULL, "status" VARCHAR(255) NOT NULL, "step_reached" INTEGER NOT NULL, "revision" INTEGER NOT NULL, "number" VARCHAR(255), "version" INTEGER NOT NULL, "created_at" DATETIME NOT NULL, "saved_at" DATETIME, "cancelled_at" DATETIME, "exam_id" INTEGER, "candidate_status" VARCHAR(255) NOT NULL, "organisme" VARCHAR(255) NOT NULL, "language" VARCHAR(255) NOT NULL, "optional_tests" TEXT NOT NULL, "diplomas_held" TEXT NOT NULL, "exemption_requested" INTEGER NOT NULL, "grades_kept" INTEGER NOT NULL, "foreign_diploma" INTEGER NOT NULL, "work_experience" INTEGER NOT NULL, "accommodation_requested" INTEGER NOT NULL, "jdc_status" VARCHAR(255) NOT NULL, "pieces_declared_at" DATETIME, "pending" TEXT NOT NULL, FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE, FOREIGN KEY ("session_id") REFERENCES "exam_session" ("id") ON DELETE RESTRICT, FOREIGN KEY ("exam_id") REFERENCES "exam" ("id") ON DELETE RESTRICT);
INSERT INTO "registration" VALUES(1,'Madame','Martin','','Jeanne','2003-07-14','Châtellerault','86','','française','12 rue de l’Œuvre','86000','Poitiers','France','06 12 34 56 78',3,1,'enregistrée',5,5,'2023-06-POI-000001',1,'2022-10-20 08:05:00','2022-10-20 08:05:00',NULL,1,'individuel','','Anglais','[]','',0,0,0,0,0,'jdc-faite','2022-10-20 09:05:00','');
INSERT INTO "registration" VALUES(2,'Monsieur','Durand','','Bruno','1985-03-02','Châtellerault','86','','française','5 rue des Lilas','17000','La Rochelle','France','06 12 34 56 78',4,1,'enregistrée',5,6,'2023-06-POI-000002',1,'2022-10-20 12:10:00','2022-10-20 12:10:00',NULL,3,'individuel','','Espagnol','[]','',0,0,0,0,0,'',NULL,'');
INSERT INTO "registration" VALUES(3,'','','','',NULL,'','','','','','','','France','',5,1,'brouillon',3,2,NULL,0,'2022-10-22 12:15:00',NULL,NULL,NULL,'','','','[]','',0,0,0,0,0,'',NULL,'{"exam": 1, "candidate_status": "individuel", "organisme": "", "language": "Anglais", "optional_tests": [], "civilite": "Madame", "birth_name": "Petit", "usage_name": "", "first_names": "Chloé", "birth_date": "2003-07-14", "birth_commune": "Châtellerault", "birth_departement": "86", "birth_country": "", "nationality": "française"}');
INSERT INTO "registration" VALUES(4,'Monsieur','Roux','','Émile','2003-07-14','Châtellerault','86','','française','12 rue de l’Œuvre','86000','Poitiers','France','06 12 34 56 78',6,1,'annulée',5,6,'2023-06-POI-000003',1,'2022-10-22 12:20:00','2022-10-22 12:20:00','2022-10-22 12:20:00',1,'individuel','','Anglais','[]','',0,0,0,0,0,'jdc-faite',NULL,'');
CREATE TABLE "staff_pole" ("id" INTEGER NOT NULL PRIMARY KEY, "account_id" INTEGER NOT NULL, "pole_code" VARCHAR(255) NOT NULL, FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE);
INSERT INTO "staff_pole" VALUES(1,2,'services-alimentation-hotellerie');
INSERT INTO "staff_pole" VALUES(2,2,'bac-pro');
CREATE TABLE "upload" ("id" INTEGER NOT NULL PRIMARY KEY, "piece_id" INTEGER NOT NULL, "original_name" VARCHAR(255) NOT NULL, "stored_name" VARCHAR(255) NOT NULL, "size" INTEGER NOT NULL, "content_type" VARCHAR(255) NOT NULL, "sha256" VARCHAR(255) NOT NULL, "created_at" DATETIME NOT NULL, FOREIGN KEY ("piece_id") REFERENCES "piece" ("id") ON DELETE CASCADE);
INSERT INTO "upload" VALUES(1,1,'carte didentité recto.pdf','7795e7b2fcf5c2c591d08f95c13750ae.pdf',398,'application/pdf','4ce168fd46568071aaf6355722524a0842490a5c98de7f3d8c7b9f86beda6494','2022-10-20 08:05:00');
INSERT INTO "upload" VALUES(2,1,'verso.png','aab7708ccb31d9f45d65cb70bf7a041e.png',123,'image/png','579ea859a01592121481d559172696f7acf306046210b848fd6db5f04d735940','2022-10-20 08:05:00');
INSERT INTO "upload" VALUES(3,2,'JDC.jpg','7ba2366c798cf30d6745378a7ae9de49.jpg',306,'image/jpeg','1328d43f74cf5bc62df81f31cb6bc19dd2d1944c0abd275631fd2ba73cd17279','2022-10-20 08:05:00');
INSERT INTO "upload" VALUES(4,3,'passeport.pdf','b33f1ffd4ec7ab121fbca97e8808eeb0.pdf',4096,'application/pdf','9e4b1a4ad3a216afb4d6862d48f9f5caf6e9d457b03dbbc417e00946d8112df3','2022-10-20 12:10:00');
INSERT INTO "upload" VALUES(5,2,'JDC lisible.pdf','3f1dd5db8f1bee8d5eb5e79ed8768bb1.pdf',2048,'application/pdf','3aa1dd49af115a4b164790da2598e39bb706486869ceba8140d8a554cd59d717','2022-10-23 14:20:00');
CREATE UNIQUE INDEX "account_email_key" ON "account" ("email_key");
CREATE UNIQUE INDEX "exam_session_code" ON "exam_session" ("code");
CREATE INDEX "pole_session_id" ON "pole" ("session_id");
CREATE UNIQUE INDEX "pole_session_id_code" ON "pole" ("session_id", "code");
CREATE INDEX "exam_session_id" ON "exam" ("session_id");
CREATE INDEX "exam_pole_id" ON "exam" ("pole_id");
CREATE UNIQUE INDEX "exam_session_id_code" ON "exam" ("session_id", "code");
CREATE INDEX "registration_account_id" ON "registration" ("account_id");
CREATE INDEX "registration_session_id" ON "registration" ("session_id");
CREATE UNIQUE INDEX "registration_number" ON "registration" ("number");
CREATE INDEX "registration_exam_id" ON "registration" ("exam_id");
CREATE UNIQUE INDEX "registration_account_id_session_id" ON "registration" ("account_id", "session_id");
CREATE INDEX "address_change_account_id" ON "address_change" ("account_id");
CREATE INDEX "address_change_registration_id" ON "address_change" ("registration_id");
CREATE INDEX "audit_at" ON "audit" ("at");
CREATE INDEX "audit_actor_id" ON "audit" ("actor_id");
CREATE INDEX "audit_subject_id" ON "audit" ("subject_id");
CREATE INDEX "document_rule_session_id" ON "document_rule" ("session_id");
CREATE UNIQUE INDEX "document_rule_session_id_code" ON "document_rule" ("session_id", "code");
CREATE INDEX "login_attempt_key" ON "login_attempt" ("key");
CREATE INDEX "login_attempt_at" ON "login_attempt" ("at");
CREATE INDEX "login_session_account_id" ON "login_session" ("account_id");
CREATE UNIQUE INDEX "login_session_token_hash" ON "login_session" ("token_hash");
CREATE INDEX "outbox_status" ON "outbox" ("status");
CREATE INDEX "piece_registration_id" ON "piece" ("registration_id");
CREATE INDEX "piece_reviewed_by_id" ON "piece" ("reviewed_by_id");
CREATE UNIQUE INDEX "piece_registration_id_code" ON "piece" ("registration_id", "code");
CREATE UNIQUE INDEX "profile_account_id" ON "profile" ("account_id");
CREATE INDEX "staff_pole_account_id" ON "staff_pole" ("account_id");
CREATE UNIQUE INDEX "staff_pole_account_id_pole_code" ON "staff_pole" ("account_id", "pole_code");
CREATE INDEX "upload_piece_id" ON "upload" ("piece_id");
CREATE UNIQUE INDEX "upload_stored_name" ON "upload" ("stored_name");
COMMIT;
