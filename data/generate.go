package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FillLarge adds, for benchmarks, n generated products with certs
// recognition decisions each (a first one and re-evaluations three years
// apart) and a producer for every four products, in one transaction,
// spread over the communes, sets, producer types and dates.
func (s *Store) FillLarge(ctx context.Context, n, certs int) error {
	communes, _ := s.Communes(ctx)
	classes, _ := s.Classification(ctx)
	var sets []string
	for _, c := range classes {
		if c.Level == "bo" {
			sets = append(sets, c.Code)
		}
	}
	types := []string{"doanh_nghiep", "htx", "tht", "ho_kinh_doanh"}
	words := []string{"Thạch đen", "Miến dong", "Chè Shan tuyết", "Hồi khô", "Quế", "Gạo Bao thai", "Hạt dẻ", "Khau nhục", "Mật ong", "Rượu men lá"}
	base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var producer int64
		for i := 0; i < n; i++ {
			cm := communes[(i/4)%len(communes)]
			if i%4 == 0 {
				p := &Producer{Name: fmt.Sprintf("HTX Nông sản %s số %d", cm.Name, i/4), Type: types[(i/4)%len(types)],
					CommuneID: cm.ID}
				if err := addProducer(ctx, tx, p); err != nil {
					return err
				}
				producer = p.ID
			}
			prod := &Product{ProducerID: producer, Name: fmt.Sprintf("%s %s %d", words[(i/3)%len(words)], cm.Name, i), SetCode: sets[i%len(sets)]}
			if err := addProduct(ctx, tx, prod); err != nil {
				return err
			}
			for k := 0; k < certs; k++ {
				decided := base.AddDate(3*k, 0, i%1100)
				c := &Certification{ProductID: prod.ID, DecisionNo: fmt.Sprintf("%d/QĐ-UBND", 1000+i+k), DecisionDate: decided,
					Score: Score(5000 + (i+k)%4000), HasScore: true, Stars: 3 + (i+k)%3, ValidUntil: AddMonths(decided, 36)}
				if err := addCertification(ctx, tx, c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return err
}
